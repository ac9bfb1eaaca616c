package dk.goalattainment.connector.rest;

import dk.goalattainment.connector.app.ApiProperties;
import dk.goalattainment.connector.app.ApiTokenProperties;
import dk.goalattainment.connector.core.access.Caller;
import dk.goalattainment.connector.core.access.Scope;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API tokens, kept only as SHA-256 hashes: {@code connector.api.token} (every scope,
 * no org limit) and each {@code connector.api.tokens.<name>}. A presented token is hashed and
 * compared with every configured hash in constant time, without stopping at a match, so the time
 * taken says nothing about which or how much of a token matched. Configuration problems stop the
 * service at start-up, all listed.
 */
@Singleton
public final class ApiTokens implements ApplicationEventListener<ServerStartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern UNIT_ID = Pattern.compile("[^/\\s][^/]{0,199}");

  private record Entry(byte[] sha256, Caller caller) {}

  private final List<Entry> entries;

  ApiTokens(ApiProperties api, List<ApiTokenProperties> tokens) {
    List<Entry> list = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (api.token() != null && !api.token().isBlank()) {
      list.add(
          new Entry(
              sha256(api.token().strip()),
              new Caller("CONNECTOR_API_TOKEN", EnumSet.allOf(Scope.class), Set.of())));
    }
    for (ApiTokenProperties t : tokens) {
      entry(t, problems).ifPresent(list::add);
    }
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "The API tokens are misconfigured (connector.api.tokens; docs/SECURITY.md):\n  - "
              + String.join("\n  - ", problems));
    }
    this.entries = List.copyOf(list);
  }

  private static Optional<Entry> entry(ApiTokenProperties t, List<String> problems) {
    String at = "connector.api.tokens." + t.name();
    int before = problems.size();
    if (t.sha256() == null || !SHA256_HEX.matcher(t.sha256().strip()).matches()) {
      problems.add(at + ".sha256 must be the 64 hex digits of the token's SHA-256");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (t.scopes() == null || t.scopes().isEmpty()) {
      problems.add(at + ".scopes must name at least one of read, read:citizen, write");
    } else {
      for (String code : t.scopes()) {
        Scope.fromCode(code)
            .ifPresentOrElse(
                scopes::add,
                () ->
                    problems.add(
                        at
                            + ".scopes holds an unknown scope; the scopes are read, read:citizen,"
                            + " write"));
      }
    }
    Set<String> orgs = new LinkedHashSet<>();
    for (String org : t.orgs() == null ? List.<String>of() : t.orgs()) {
      String o = org == null ? "" : org.strip();
      if (!UNIT_ID.matcher(o).matches()) {
        problems.add(at + ".orgs must hold unit ids (no '/', at most 200 characters)");
      } else {
        orgs.add(o);
      }
    }
    if (scopes.contains(Scope.WRITE) && !orgs.isEmpty()) {
      problems.add(
          at
              + ": a token with the write scope cannot be limited to orgs (ingest and refresh act"
              + " on the whole store); give it its own token without orgs");
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new Entry(
            HexFormat.of().parseHex(t.sha256().strip().toLowerCase(java.util.Locale.ROOT)),
            new Caller(t.name(), scopes, orgs)));
  }

  /**
   * Made when the server starts (to hear this event), so that a misconfigured token stops the start
   * instead of failing the first request.
   */
  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    LOG.info(
        "API tokens: {}",
        entries.isEmpty()
            ? "none configured, every caller is anonymous (public figures only)"
            : entries.stream().map(e -> e.caller().name()).toList());
  }

  /** Whether any token is configured (else every caller is anonymous). */
  public boolean any() {
    return !entries.isEmpty();
  }

  /** The caller a presented token belongs to, or empty when it matches no configured token. */
  public Optional<Caller> authenticate(String presented) {
    byte[] hash = sha256(presented);
    Caller found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(hash, e.sha256()) && found == null) {
        found = e.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The SHA-256 of a token's UTF-8 bytes. */
  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
