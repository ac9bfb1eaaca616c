package dk.goalattainment.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.http.FailurePolicy.Outcome;
import jakarta.ws.rs.ProcessingException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures are transient, and which requests may be sent again after each. */
class FailurePolicyTest {
  @Test
  void statusesSayWhetherTheServerProcessedTheRequest() {
    assertThat(FailurePolicy.ofStatus(503)).isEqualTo(Outcome.NOT_PROCESSED);
    assertThat(FailurePolicy.ofStatus(429)).isEqualTo(Outcome.NOT_PROCESSED);
    assertThat(FailurePolicy.ofStatus(500)).isEqualTo(Outcome.MAYBE_PROCESSED);
    assertThat(FailurePolicy.ofStatus(502)).isEqualTo(Outcome.MAYBE_PROCESSED);
    assertThat(FailurePolicy.ofStatus(504)).isEqualTo(Outcome.MAYBE_PROCESSED);
    for (int status : new int[] {200, 302, 400, 401, 403, 404, 409, 422, 501, 505}) {
      assertThat(FailurePolicy.ofStatus(status)).as("%d", status).isEqualTo(Outcome.FINAL);
    }
  }

  @Test
  void failuresWithoutAnAnswerAreJudgedByTheirRootCause() {
    assertThat(outcome(new ConnectException("Connection refused")))
        .isEqualTo(Outcome.NOT_PROCESSED);
    assertThat(outcome(new ConnectTimeoutException("connect timed out")))
        .isEqualTo(Outcome.NOT_PROCESSED);
    assertThat(outcome(new SocketTimeoutException("Read timed out")))
        .isEqualTo(Outcome.MAYBE_PROCESSED);
    assertThat(outcome(new SocketException("Connection reset"))).isEqualTo(Outcome.MAYBE_PROCESSED);
    assertThat(outcome(new NoHttpResponseException("failed to respond")))
        .isEqualTo(Outcome.MAYBE_PROCESSED);
    assertThat(outcome(new UnknownHostException("superset.example"))).isEqualTo(Outcome.FINAL);
    assertThat(outcome(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo(Outcome.FINAL);
    assertThat(outcome(new FileNotFoundException("attainment.csv"))).isEqualTo(Outcome.FINAL);
  }

  @Test
  void eachKindOfRequestIsRepeatedOnlyWhereItCannotBeAppliedTwice() {
    assertThat(FailurePolicy.mayRepeat(Repeat.SAFE, Outcome.NOT_PROCESSED)).isTrue();
    assertThat(FailurePolicy.mayRepeat(Repeat.SAFE, Outcome.MAYBE_PROCESSED)).isTrue();
    assertThat(FailurePolicy.mayRepeat(Repeat.IF_UNPROCESSED, Outcome.NOT_PROCESSED)).isTrue();
    assertThat(FailurePolicy.mayRepeat(Repeat.IF_UNPROCESSED, Outcome.MAYBE_PROCESSED)).isFalse();
    for (Outcome outcome : Outcome.values()) {
      assertThat(FailurePolicy.mayRepeat(Repeat.NEVER, outcome)).isFalse();
      assertThat(FailurePolicy.mayRepeat(Repeat.SAFE, Outcome.FINAL)).isFalse();
    }
  }

  @Test
  void aFailureIsDescribedWithoutMoreThanItsCausesMessage() {
    assertThat(FailurePolicy.describe(wrapped(new SocketTimeoutException("Read timed out"))))
        .isEqualTo("timed out (Read timed out)");
    assertThat(FailurePolicy.describe(wrapped(new ConnectException("Connection refused"))))
        .isEqualTo("connection refused (Connection refused)");
  }

  private static Outcome outcome(Throwable cause) {
    return FailurePolicy.ofFailure(wrapped(cause));
  }

  private static ProcessingException wrapped(Throwable cause) {
    return new ProcessingException(cause);
  }
}
