package dk.goalattainment.connector.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.goalattainment.connector.core.error.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An error as {@code application/problem+json} (RFC 9457), the body of every 4xx and 5xx answer.
 * Members without a value are left out (not null): {@code errors} and {@code error_count} appear
 * for invalid input only, {@code correlation_id} for server errors only.
 *
 * @param type a stable URI naming the kind of problem, e.g. {@code
 *     urn:goal-attainment:problem:validation-failed}
 * @param title the kind of problem in words, the same for every problem of the type
 * @param status the HTTP status
 * @param detail what went wrong this time and what to do; never a submitted value, never SQL
 * @param instance the request path (or the refresh job) it happened at
 * @param correlationId a server error's id: the server log holds the details under it (also in the
 *     {@code X-Correlation-Id} header)
 * @param errors invalid input: the first 1 000 broken rules, by record, row and field
 * @param errorCount invalid input: how many rules were broken in all (more than {@code errors}
 *     holds when the list is cut)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem")
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    @Nullable String correlationId,
    @Nullable List<FieldProblem> errors,
    @Nullable Long errorCount) {

  /**
   * One broken rule in one input record. It never carries the offending value: any field could hold
   * a CPR number.
   *
   * @param record the record kind: {@code org-units}, {@code goals} or {@code followups}
   * @param row the record's 1-based row in the batch (0: the header of a file)
   * @param field the field that broke the rule
   * @param rule the rule it broke
   * @param message the whole error as one line
   */
  @Schema(name = "ProblemError")
  public record FieldProblem(String record, long row, String field, String rule, String message) {
    static FieldProblem of(FieldError e) {
      return new FieldProblem(e.record(), e.row(), e.field(), e.rule(), e.message());
    }
  }

  /** The same problem with a correlation id. */
  Problem withCorrelationId(String id) {
    return new Problem(type, title, status, detail, instance, id, errors, errorCount);
  }
}
