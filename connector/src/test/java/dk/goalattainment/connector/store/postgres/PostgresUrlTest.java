package dk.goalattainment.connector.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  @Test
  void aJdbcUrlIsTakenAsItIs() {
    PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db:5432/goals?ssl=true", "c", "pw");

    assertThat(url)
        .isEqualTo(new PostgresUrl("jdbc:postgresql://db:5432/goals?ssl=true", "c", "pw"));
  }

  @Test
  void aLibpqUrlBecomesJdbcWithItsUserAndDecodedPassword() {
    PostgresUrl url =
        PostgresUrl.parse(
            "postgresql://connector:p%40ss+w%3Ard@db.internal:5433/goals", null, null);

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/goals");
    assertThat(url.user()).isEqualTo("connector");
    assertThat(url.password()).isEqualTo("p@ss+w:rd");
    assertThat(url.toString()).doesNotContain("p@ss");
  }

  @Test
  void separateSettingsWinOverTheUrlsUserAndPassword() {
    PostgresUrl url = PostgresUrl.parse("postgres://u:urlpw@db/goals", "connector", "secret");

    assertThat(url.user()).isEqualTo("connector");
    assertThat(url.password()).isEqualTo("secret");
  }

  @Test
  void parametersAndSeveralHostsPassThrough() {
    PostgresUrl url =
        PostgresUrl.parse("postgresql://db1:5432,db2:5433/goals?sslmode=verify-full", null, null);

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/goals?sslmode=verify-full");
    assertThat(url.user()).isNull();
    PostgresUrl.Server server = url.server();
    assertThat(server.multiHost()).isTrue();
    assertThat(server.database()).isEqualTo("goals");
    assertThat(server.sslMode()).isEqualTo(Optional.of("verify-full"));
  }

  @Test
  void theServerOfAJdbcUrlHasTheDefaultPort() {
    PostgresUrl.Server server =
        PostgresUrl.parse("jdbc:postgresql://db/goals", null, null).server();

    assertThat(server.hosts()).isEqualTo("db");
    assertThat(server.ports()).isEqualTo("5432");
    assertThat(server.sslMode()).isEmpty();
  }

  @Test
  void aUrlWithoutHostOrOfAnotherKindIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql:///goals", null, null))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("names no host");
    assertThatThrownBy(() -> PostgresUrl.parse("db.internal:5432/goals?password=x1", null, null))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("must be a PostgreSQL URL")
        .hasMessageNotContaining("x1");
    assertThatThrownBy(() -> PostgresUrl.parse(" ", null, null))
        .hasMessageContaining("set CONNECTOR_STORE_POSTGRES_URL");
  }
}
