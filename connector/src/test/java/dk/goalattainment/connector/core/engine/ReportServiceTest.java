package dk.goalattainment.connector.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.IngestFixtures;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.UnitRole;
import dk.goalattainment.connector.core.model.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The report use case on in-memory ports: the request's checks (every problem at once), and the
 * choice between the materialised dataset and the live computation.
 */
class ReportServiceTest {
  private final InMemoryAttainmentReader reader =
      new InMemoryAttainmentReader()
          .unit("SOC", null, null)
          .unit("FBU", "SOC", null)
          .unit("BC", "FBU", UnitRole.fromCode("udfoerer").orElseThrow());

  /** Materialised reports: fresh ones answer, others are empty; every request is recorded. */
  private final List<ReportRequest> materialisedAsked = new ArrayList<>();

  private ReportService service(Map<ReportRequest, Report> fresh) {
    return new ReportService(
        IngestFixtures.catalogue(),
        reader,
        request -> {
          materialisedAsked.add(request);
          return Optional.ofNullable(fresh.get(request));
        });
  }

  private final ReportService live = new ReportService(IngestFixtures.catalogue(), reader);

  private static Report oneRow(ReportRequest request, long citizens) {
    return new Report(
        request,
        List.of(new ReportRow(Map.of(ReportColumn.GROUP, "*", ReportColumn.CITIZENS, citizens))));
  }

  @Test
  void aRequestDefaultsToTheAuthorityViewWithoutGroupingAndTrimsTheOrg() {
    ReportRequest r = live.request("2021-Q4R4", " FBU ", null, "", null);

    assertThat(r.period()).isEqualTo(Period.rolling(2021, 4, 4));
    assertThat(r.orgUnitId()).isEqualTo("FBU");
    assertThat(r.via()).isEqualTo(Via.AUTHORITY);
    assertThat(r.grouping()).isEqualTo(Grouping.NONE);
    assertThat(r.filters()).isEqualTo(Filters.NONE);
  }

  @Test
  void everyProblemOfARequestIsListedAtOnceWithoutRepeatingAValue() {
    Filters unknown = new Filters("XX", "dans", "nobody", "growth", "7-11");

    assertThatThrownBy(() -> live.request("2021-Q5", "", "both", "colour", unknown))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
              assertThat(e.getMessage())
                  .startsWith("Invalid report parameters: ")
                  .contains(
                      "period must be a year (2019), a quarter (2019-Q4) or rolling (2019-Q4R4)",
                      "org is required (an org unit id)",
                      "via must be authority or provider",
                      "by must be one of none, ",
                      "effect_goal is not a code of the catalogue",
                      "life_theme is not a code of the catalogue",
                      "target_group is not a code of the catalogue",
                      "goal_type is not a code of the catalogue",
                      "age_band is not a code of the catalogue")
                  .doesNotContain("Q5", "both", "colour", "dans", "nobody", "growth", "7-11");
            });
    assertThatThrownBy(() -> live.request(null, "FBU", null, null, null))
        .hasMessageContaining("period is required");
  }

  @Test
  void catalogueCodesAreAcceptedAsFilters() {
    Filters known = new Filters("LS", "skole", "boern_unge", "progression", "18-29");

    assertThat(live.request("2021", "FBU", "provider", "goal_type", known).filters())
        .isEqualTo(known);
  }

  @Test
  void aFreshMaterialisedReportIsUsedAndTheLiveComputationIsNotAsked() {
    ReportRequest request = live.request("2021", "FBU", null, null, null);
    Report materialised = oneRow(request, 42);

    assertThat(service(Map.of(request, materialised)).report(request)).isEqualTo(materialised);
    assertThat(reader.asked).isEmpty();
    assertThat(materialisedAsked).containsExactly(request);
  }

  @Test
  void withoutAFreshDatasetTheReportIsComputedLive() {
    ReportRequest request = live.request("2021", "FBU", null, null, null);
    reader.answering(oneRow(request, 7));

    assertThat(service(Map.of()).report(request).rows()).hasSize(1);
    assertThat(reader.asked).containsExactly(request);
  }

  @Test
  void reportLiveNeverAsksTheDataset() {
    ReportRequest request = live.request("2021", "BC", null, null, null);

    service(Map.of(request, oneRow(request, 1))).reportLive(request);

    assertThat(materialisedAsked).isEmpty();
    assertThat(reader.asked).containsExactly(request);
  }

  @Test
  void anEmptyMaterialisedReportOnAnUnknownUnitIsNotFoundNamingTheIdShortened() {
    String id = "NOPE-" + "x".repeat(100);
    ReportRequest request = new ReportRequest(Period.year(2021), id, null, null, null);

    assertThatThrownBy(
            () -> service(Map.of(request, new Report(request, List.of()))).report(request))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
              assertThat(e.getMessage())
                  .contains("No org unit has the id 'NOPE-xxx", "…'", "connector units")
                  .doesNotContain(id);
            });
  }

  @Test
  void anEmptyMaterialisedReportOnAKnownUnitIsAnEmptyAnswer() {
    ReportRequest request = live.request("2021", "BC", null, null, null);
    Report empty = new Report(request, List.of());

    assertThat(service(Map.of(request, empty)).report(request).rows()).isEmpty();
    assertThat(reader.asked).isEmpty();
  }

  @Test
  void theLiveComputationOfAnUnknownUnitIsNotFoundToo() {
    ReportRequest request = live.request("2021", "NOPE", null, null, null);

    assertThatThrownBy(() -> live.report(request))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
