package dk.goalattainment.connector.superset.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.superset.fake.RisonParser;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupersetRisonTest {
  @Test
  void encodesTheListQuerySupersetExpects() {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("col", "table_name");
    filter.put("opr", "eq");
    filter.put("value", "x");
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("filters", List.of(filter));
    q.put("page", 0);
    q.put("page_size", 100);

    assertThat(Rison.encode(q))
        .isEqualTo("(filters:!((col:table_name,opr:eq,value:x)),page:0,page_size:100)");
  }

  @Test
  void quotesStringsThatAreNotSafeIdentifiersAndEscapesQuotesAndBangs() {
    assertThat(Rison.encode("")).isEqualTo("''");
    assertThat(Rison.encode("mål og delmål")).isEqualTo("'mål og delmål'");
    assertThat(Rison.encode("it's")).isEqualTo("'it!'s'");
    assertThat(Rison.encode("wow!")).isEqualTo("'wow!!'");
    assertThat(Rison.encode("2024")).isEqualTo("'2024'");
    assertThat(Rison.encode("-x")).isEqualTo("'-x'");
    assertThat(Rison.encode("a:b,c")).isEqualTo("'a:b,c'");
    assertThat(Rison.encode("a+b")).isEqualTo("'a+b'");
    assertThat(Rison.encode("mart.attainment_v2")).isEqualTo("mart.attainment_v2");
  }

  @Test
  void encodesBooleansNullNumbersAndEmptyContainers() {
    assertThat(Rison.encode(true)).isEqualTo("!t");
    assertThat(Rison.encode(false)).isEqualTo("!f");
    assertThat(Rison.encode(null)).isEqualTo("!n");
    assertThat(Rison.encode(-5)).isEqualTo("-5");
    assertThat(Rison.encode(new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(Rison.encode(List.of())).isEqualTo("!()");
    assertThat(Rison.encode(Map.of())).isEqualTo("()");
    assertThat(Rison.encode(Arrays.asList(1, null, "a b"))).isEqualTo("!(1,!n,'a b')");
  }

  @Test
  void everyEncodedStringDecodesBackUnderPrisonsStrictRules() {
    for (String s :
        List.of(
            "", "x", "a b", "'", "!", "!!'", "ø", "(x)", "a,b:c", "-1", "1e5", "~/.x", "q=1&y")) {
      assertThat(RisonParser.parse(Rison.encode(Map.of("value", s))))
          .as("round trip of %s", s)
          .isEqualTo(Map.of("value", s));
    }
  }

  @Test
  void refusesValuesRisonCannotCarry() {
    assertThatThrownBy(() -> Rison.encode(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rison.encode(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
