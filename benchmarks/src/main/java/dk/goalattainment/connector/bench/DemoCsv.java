package dk.goalattainment.connector.bench;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.demo.DemoData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes the demo data set as the three CSV files of {@code connector ingest}, once per scale. */
final class DemoCsv {
  /** Mean goals per citizen (DemoData's weights 35/35/20/10 of 1..4 goals). */
  static final double GOALS_PER_CITIZEN = 2.05;

  /** Mean counted follow-ups per goal, as DemoData measures it. */
  static final double FOLLOWUPS_PER_GOAL = 1.35;

  /** The CSV files of one scale and their record counts. */
  record Files3(Path org, Path goals, Path followUps, long orgRows, long goalRows, long fuRows) {
    long records() {
      return orgRows + goalRows + fuRows;
    }
  }

  private DemoCsv() {}

  /** Citizens that give about {@code followUps} follow-ups. */
  static long citizensFor(long followUps) {
    return Math.max(1, Math.round(followUps / (GOALS_PER_CITIZEN * FOLLOWUPS_PER_GOAL)));
  }

  /** Writes the files into {@code dir} unless a complete set is already there. */
  static Files3 write(Catalogue catalogue, long citizens, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path org = dir.resolve("org_units.csv");
    Path goals = dir.resolve("goals.csv");
    Path fus = dir.resolve("followups.csv");
    Path done = dir.resolve("COMPLETE");
    if (Files.exists(done)) {
      List<String> counts = Files.readAllLines(done);
      return new Files3(
          org,
          goals,
          fus,
          Long.parseLong(counts.get(0)),
          Long.parseLong(counts.get(1)),
          Long.parseLong(counts.get(2)));
    }
    DemoData demo = new DemoData(catalogue, citizens, DemoData.DEFAULT_SEED);
    long[] n = new long[3];
    try (CSVPrinter w = printer(org, RawOrgUnit.FIELDS)) {
      demo.orgUnits()
          .forEach(
              row -> {
                RawOrgUnit u = row.record();
                print(
                    w,
                    u.unitId(),
                    u.name(),
                    u.parentId(),
                    u.role(),
                    u.validFrom(),
                    u.validTo(),
                    u.level());
                n[0]++;
              });
    }
    try (CSVPrinter w = printer(goals, RawGoal.FIELDS)) {
      demo.goals()
          .forEach(
              row -> {
                RawGoal g = row.record();
                print(
                    w,
                    g.goalId(),
                    g.cpr(),
                    g.targetGroup(),
                    g.lifeTheme(),
                    g.goalType(),
                    g.baselineScore(),
                    g.targetScore(),
                    g.setDate(),
                    g.dueDate(),
                    g.authorityUnitId(),
                    g.providerUnitId());
                n[1]++;
              });
    }
    try (CSVPrinter w = printer(fus, RawFollowUp.FIELDS)) {
      demo.followUps()
          .forEach(
              row -> {
                RawFollowUp f = row.record();
                print(w, f.followupId(), f.goalId(), f.followupDate(), f.score());
                n[2]++;
              });
    }
    Files.write(done, List.of(Long.toString(n[0]), Long.toString(n[1]), Long.toString(n[2])));
    return new Files3(org, goals, fus, n[0], n[1], n[2]);
  }

  private static void print(CSVPrinter w, String... fields) {
    try {
      w.printRecord((Object[]) fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A UTF-8 CSV file with a header row, LF line ends, quoted only where needed, null as empty. */
  private static CSVPrinter printer(Path file, List<String> header) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setRecordSeparator('\n')
            .setHeader(header.toArray(String[]::new))
            .build();
    return new CSVPrinter(
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20), format);
  }
}
