package dk.goalattainment.connector.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a CPR number by {@code citizen_key} = HMAC-SHA256(secret key, the 10 digits), as
 * lower-case hex. The same key always gives the same pseudonym, so a citizen's goals join up across
 * ingests; without the key the pseudonym cannot be reversed or recomputed. Thread-safe.
 */
public final class Pseudonymizer {
  /** Shortest key accepted, in bytes: a shorter secret would be open to guessing. */
  public static final int MIN_KEY_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;
  private final ThreadLocal<Hmac> macs;

  /**
   * A thread's HMAC, and the last pseudonym it made with the digits it was made from: the records
   * of one citizen mostly come one after the other (a citizen has about two goals), and those after
   * the first then cost no HMAC (ADR 0028). The digits stay in this thread's memory until the next
   * CPR number replaces them; they are never written anywhere.
   */
  private static final class Hmac {
    final Mac mac;
    String lastDigits;
    String lastKey;

    Hmac(Mac mac) {
      this.mac = mac;
    }
  }

  public Pseudonymizer(String secret) {
    Objects.requireNonNull(secret, "secret");
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the pseudonym key must be at least " + MIN_KEY_BYTES + " bytes long");
    }
    this.key = new SecretKeySpec(bytes, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Hmac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return new Hmac(mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The pseudonym of a valid CPR number. */
  public String citizenKey(Cpr cpr) {
    Hmac h = macs.get();
    String digits = cpr.digits();
    if (!digits.equals(h.lastDigits)) {
      h.lastKey =
          HexFormat.of().formatHex(h.mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII)));
      h.lastDigits = digits;
    }
    return h.lastKey;
  }

  @Override
  public String toString() {
    return "Pseudonymizer[HmacSHA256]";
  }
}
