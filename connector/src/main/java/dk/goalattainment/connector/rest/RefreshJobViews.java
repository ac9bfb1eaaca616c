package dk.goalattainment.connector.rest;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The answers of {@code /api/v1/refresh}: a refresh job's status, typed for the document. */
public final class RefreshJobViews {
  private RefreshJobViews() {}

  /**
   * A refresh job: started by {@code POST /api/v1/refresh}, read at its {@code href}.
   *
   * @param id the job's id
   * @param state {@code queued}, {@code running}, {@code succeeded} or {@code failed}
   * @param requestedBy the configured name of the token that started it (never the token)
   * @param submittedAt when it was asked for
   * @param startedAt when it began to run
   * @param finishedAt when it succeeded or failed
   * @param stages the stages so far, in order; the last one runs while the job does
   * @param result what the refresh did, once it succeeded
   * @param problem why it failed, once it failed (the same problem a waiting POST answers with)
   * @param href where the job is read
   */
  @Schema(name = "RefreshJob")
  public record RefreshJobView(
      String id,
      @Schema(
              allowableValues = {"queued", "running", "succeeded", "failed"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String state,
      String requestedBy,
      Instant submittedAt,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt,
      List<StageView> stages,
      @Nullable ResultView result,
      @Nullable Problem problem,
      String href) {}

  /**
   * One stage of a refresh.
   *
   * @param name what it does (e.g. the dataset it materialises)
   * @param startedAt when it began
   * @param seconds how long it took (null while it runs)
   * @param rows the rows it wrote, where the refresh reports them (null otherwise)
   */
  @Schema(name = "RefreshStage")
  public record StageView(
      String name, Instant startedAt, @Nullable Double seconds, @Nullable Long rows) {}

  /**
   * What a refresh did.
   *
   * @param refreshedAt when the refreshed datasets were committed
   * @param seconds how long the refresh took
   * @param kind {@code full} or {@code incremental}
   * @param reason why that kind (e.g. what changed since the last refresh)
   * @param asOf the date the data runs to (the latest follow-up date)
   * @param rows rows per materialised table
   */
  @Schema(name = "RefreshResult")
  public record ResultView(
      Instant refreshedAt,
      double seconds,
      @Schema(allowableValues = {"full", "incremental"}) String kind,
      String reason,
      @Nullable LocalDate asOf,
      Map<String, Long> rows) {}

  /**
   * The jobs this process keeps, newest first.
   *
   * @param jobs the last {@value RefreshJobs#KEPT} jobs at most
   */
  @Schema(name = "RefreshJobList")
  public record RefreshJobList(List<RefreshJobView> jobs) {}
}
