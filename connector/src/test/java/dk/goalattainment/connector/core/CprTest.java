package dk.goalattainment.connector.core;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.privacy.Cpr;
import dk.goalattainment.connector.core.privacy.Pseudonymizer;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CprTest {
  private static LocalDate birth(String cpr) {
    return ((Cpr.Valid) Cpr.parse(cpr)).cpr().birthDate();
  }

  @ParameterizedTest(name = "{0} → born {1}")
  @CsvSource({
    "0101370000, 1937-01-01", // 7th digit 0 → 1900s
    "0101373000, 1937-01-01", // 3 → 1900s
    "0101364000, 2036-01-01", // 4, YY ≤ 36 → 2000s
    "0101374000, 1937-01-01", // 4, YY > 36 → 1900s
    "0101369000, 2036-01-01", // 9, YY ≤ 36 → 2000s
    "0101379000, 1937-01-01", // 9, YY > 36 → 1900s
    "0101575000, 2057-01-01", // 5, YY ≤ 57 → 2000s
    "0101585000, 1858-01-01", // 5, YY > 57 → 1800s
    "0101578000, 2057-01-01", // 8, YY ≤ 57 → 2000s
    "0101588000, 1858-01-01", // 8, YY > 57 → 1800s
  })
  void readsTheCenturyFromTheSeventhDigit(String cpr, LocalDate born) {
    assertThat(birth(cpr)).isEqualTo(born);
  }

  @Test
  void acceptsTheDashOptionally() {
    assertThat(birth("150372-1234")).isEqualTo(birth("1503721234"));
  }

  @Test
  void doesNotRequireTheModulus11Check() {
    // 010101-1000: the weighted sum is not divisible by 11, yet it is a valid number since 2007.
    assertThat(Cpr.parse("0101011000")).isInstanceOf(Cpr.Valid.class);
  }

  @Test
  void checksLeapDaysWithTheCentury() {
    assertThat(Cpr.parse("2902004000")).isInstanceOf(Cpr.Valid.class); // 2000-02-29
    assertThat(Cpr.parse("2902001000")).isInstanceOf(Cpr.Invalid.class); // 1900 was no leap year
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "123",
        "12345678901",
        "010180-12345",
        "0101801 234",
        "01018O1234",
        "3201801234",
        "0013801234",
        "3102801234"
      })
  void rejectsMalformedNumbersWithoutRepeatingThem(String text) {
    Cpr.Parsed parsed = Cpr.parse(text);

    assertThat(parsed).isInstanceOf(Cpr.Invalid.class);
    String rule = ((Cpr.Invalid) parsed).rule();
    assertThat(rule).doesNotContainPattern("\\d{3,}");
    if (!text.isEmpty()) {
      assertThat(rule).doesNotContain(text);
    }
  }

  @Test
  void neverShowsTheNumberInToString() {
    Cpr cpr = ((Cpr.Valid) Cpr.parse("0101801234")).cpr();

    assertThat(cpr.toString()).doesNotContain("0101801234").doesNotContain("010180");
  }

  @Test
  void pseudonymIsHmacSha256HexOfTheTenDigits() throws Exception {
    Pseudonymizer p = new Pseudonymizer("a-test-key-that-is-long-enough");
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            "a-test-key-that-is-long-enough".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "HmacSHA256"));
    String expected =
        java.util.HexFormat.of()
            .formatHex(
                mac.doFinal("0101801234".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    assertThat(p.citizenKey(((Cpr.Valid) Cpr.parse("010180-1234")).cpr())).isEqualTo(expected);
  }

  @Test
  void aRepeatedCprGetsTheSamePseudonymAsAFreshOneAndTheNextCprItsOwn() throws Exception {
    Pseudonymizer p = new Pseudonymizer("a-test-key-that-is-long-enough");
    Cpr first = ((Cpr.Valid) Cpr.parse("010180-1234")).cpr();
    Cpr sameDigits = ((Cpr.Valid) Cpr.parse("0101801234")).cpr();
    Cpr other = ((Cpr.Valid) Cpr.parse("020280-1234")).cpr();
    String fresh = new Pseudonymizer("a-test-key-that-is-long-enough").citizenKey(other);

    String a = p.citizenKey(first);
    String b = p.citizenKey(sameDigits);
    String c = p.citizenKey(other);
    String d = p.citizenKey(first);

    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(fresh).isNotEqualTo(a);
    assertThat(d).isEqualTo(a);
    assertThat(new Pseudonymizer("another-test-key-long-enough").citizenKey(first)).isNotEqualTo(a);
  }
}
