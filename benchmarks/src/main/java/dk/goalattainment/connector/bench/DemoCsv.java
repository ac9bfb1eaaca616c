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
    try (BufferedWriter w = Files.newBufferedWriter(org, StandardCharsets.UTF_8)) {
      w.write(String.join(",", RawOrgUnit.FIELDS));
      w.write('\n');
      demo.orgUnits()
          .forEach(
              row -> {
                RawOrgUnit u = row.record();
                line(w, u.unitId(), u.name(), u.parentId(), u.role(), u.validFrom(), u.validTo());
                n[0]++;
              });
    }
    try (BufferedWriter w =
        new BufferedWriter(Files.newBufferedWriter(goals, StandardCharsets.UTF_8), 1 << 20)) {
      w.write(String.join(",", RawGoal.FIELDS));
      w.write('\n');
      demo.goals()
          .forEach(
              row -> {
                RawGoal g = row.record();
                line(
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
    try (BufferedWriter w =
        new BufferedWriter(Files.newBufferedWriter(fus, StandardCharsets.UTF_8), 1 << 20)) {
      w.write(String.join(",", RawFollowUp.FIELDS));
      w.write('\n');
      demo.followUps()
          .forEach(
              row -> {
                RawFollowUp f = row.record();
                line(w, f.followupId(), f.goalId(), f.followupDate(), f.score());
                n[2]++;
              });
    }
    Files.write(done, List.of(Long.toString(n[0]), Long.toString(n[1]), Long.toString(n[2])));
    return new Files3(org, goals, fus, n[0], n[1], n[2]);
  }

  private static void line(BufferedWriter w, String... fields) {
    try {
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          w.write(',');
        }
        String f = fields[i] == null ? "" : fields[i];
        if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
          w.write('"');
          w.write(f.replace("\"", "\"\""));
          w.write('"');
        } else {
          w.write(f);
        }
      }
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
