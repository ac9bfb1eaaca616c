package dk.goalattainment.connector.core.factsheet;

import static org.assertj.core.api.Assertions.assertThat;

import dk.goalattainment.connector.core.factsheet.FactSheetContent.Figure;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.Row;
import dk.goalattainment.connector.core.ingest.IngestFixtures;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fact sheet's table built from an in-memory figure source: which rows and columns it shows and
 * which notes it adds. It prints the source's figures, never computes one.
 */
class FactSheetBuilderTest {
  private static final Period YEAR = Period.year(2021);
  private static final Period Q4 = Period.quarter(2021, 4);

  private final FactSheetBuilder builder = new FactSheetBuilder(IngestFixtures.catalogue());

  private static SheetRequest request(Integer threshold) {
    OrgUnit fbu =
        new OrgUnit("FBU", "Familie og Børn", null, null, LocalDate.of(2018, 1, 1), null, null);
    return new SheetRequest(
        SheetPeriods.of(YEAR),
        "FBU",
        Via.AUTHORITY,
        "Målopfyldelse",
        "Borgerne bliver bedre til at mestre eget liv",
        Instant.parse("2026-06-30T10:00:00Z"),
        null,
        Map.of("FBU", fbu),
        threshold);
  }

  private static Slice effect(Period p, String code) {
    return new Slice(p, Via.AUTHORITY, "FBU", code, null);
  }

  private static Slice theme(Period p, String effect, String code) {
    return new Slice(p, Via.AUTHORITY, "FBU", effect, code);
  }

  @Test
  void everyEffectGoalAndTheTotalHaveARowAndAThemeOnlyWhereItHasFigures() {
    InMemorySheetFigures figures =
        new InMemorySheetFigures(false)
            .with(effect(YEAR, "LS"), Cell.of(120, 0.55, 0.5, 0.6, false))
            .with(theme(YEAR, "LS", "skole"), Cell.of(12, 0.25, 0.1, 0.4, true))
            .with(Slice.total(YEAR, Via.AUTHORITY, "FBU"), Cell.of(150, 0.5, 0.45, 0.55, false));

    FactSheetContent sheet = builder.build(request(null), figures);

    assertThat(sheet.table().columns()).hasSize(2);
    assertThat(sheet.table().rows())
        .extracting(Row::kind)
        .containsExactly("effect", "theme", "effect", "total");
    Row skole = sheet.table().rows().get(1);
    Figure year = skole.figures().get(0);
    assertThat(year.citizens()).isEqualTo("12");
    assertThat(year.lowN()).isTrue();
    assertThat(year.interval()).isNotNull();
    assertThat(skole.figures().get(1).empty()).as("no follow-ups in Q4").isTrue();
    assertThat(sheet.table().footnotes())
        .anySatisfy(n -> assertThat(n).startsWith("* Under 20 borgere (lav N)"))
        .anySatisfy(n -> assertThat(n).startsWith("95 %-interval"))
        .anySatisfy(n -> assertThat(n).isEqualTo("· Ingen opfølgninger i perioden."));
  }

  @Test
  void aPublicSheetShowsWithheldCellsAsWithheldWithoutIntervalsAndLeavesOutUnpublishedPeriods() {
    InMemorySheetFigures figures =
        new InMemorySheetFigures(true)
            .notPublishing(Q4)
            .with(effect(YEAR, "LS"), Cell.suppressed())
            .with(Slice.total(YEAR, Via.AUTHORITY, "FBU"), Cell.of(150, 0.5, null, null, false));

    FactSheetContent sheet = builder.build(request(5), figures);

    assertThat(sheet.table().columns()).hasSize(1);
    Row ls = sheet.table().rows().get(0);
    assertThat(ls.figures()).singleElement().satisfies(f -> assertThat(f.withheld()).isTrue());
    assertThat(
            sheet.table().rows().get(sheet.table().rows().size() - 1).figures().get(0).interval())
        .isNull();
    assertThat(sheet.table().footnotes())
        .noneSatisfy(n -> assertThat(n).startsWith("95 %-interval"))
        .anySatisfy(n -> assertThat(n).contains("ikke med: de åbne data offentliggør ikke"))
        .contains(MethodNote.withheldFootnote(5));
    assertThat(sheet.header().toString()).contains("Offentlig udgave");
  }
}
