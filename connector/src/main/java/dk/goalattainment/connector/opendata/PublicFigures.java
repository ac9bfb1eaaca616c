package dk.goalattainment.connector.opendata;

import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.engine.DatasetSql;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.model.Grouping;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.core.semantic.CubeSlice;
import dk.goalattainment.connector.store.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The public figures: the disclosure-controlled open-data table ({@link OpenDataExport}, domain.md
 * §4) of the current refresh, computed once per refresh and shared by everything an anonymous
 * caller may get — the open-data files, the attainment figures of a published slice ({@link
 * #report}) and single published figures such as a metric's value ({@link #value}). Nothing here
 * reads the datasets beyond that table, so no answer built from it can hold a cell under the
 * threshold or a withheld value.
 */
public final class PublicFigures implements AutoCloseable {
  /** The figures the table publishes (per cell; withheld cells have them null). */
  public static final List<String> FIGURES =
      List.of(
          "citizens", "goals_followed_up", "goals_met", "goal_attainment_avg", "goals_met_share");

  private final JdbcStore store;
  private final Definitions definitions;
  private final Catalogue catalogue;
  private final OpenDataExport.Options options;
  private Generation current;

  /** One refresh's table, indexed. */
  private static final class Generation {
    final Instant refreshedAt;
    final OpenDataExport.Tables tables;
    final Map<String, List<Map<String, Object>>> bySlice = new HashMap<>();
    final Set<String> orgs = new HashSet<>();
    final Set<String> parents = new HashSet<>();
    Path dir;

    Generation(Instant refreshedAt, OpenDataExport.Tables tables) {
      this.refreshedAt = refreshedAt;
      this.tables = tables;
      for (Map<String, Object> row : tables.rows()) {
        String org = (String) row.get("org_unit");
        String parent = (String) row.get("parent_org_unit");
        orgs.add(org);
        if (parent != null) {
          parents.add(parent);
        }
        bySlice
            .computeIfAbsent(slice(row.get("period"), row.get("via")), k -> new ArrayList<>())
            .add(row);
      }
    }
  }

  /** The public figures of a store's refreshed datasets, with what {@code options} publish. */
  public PublicFigures(
      JdbcStore store,
      Definitions definitions,
      Catalogue catalogue,
      OpenDataExport.Options options) {
    this.store = Objects.requireNonNull(store, "store");
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** What is published: threshold, org levels, period kinds. */
  public OpenDataExport.Options options() {
    return options;
  }

  /**
   * The suppressed table of the current refresh.
   *
   * @throws ConnectorException NOT_FOUND while the datasets are not refreshed since the last ingest
   */
  public OpenDataExport.Tables tables() {
    return generation().tables;
  }

  /** The folder holding the open-data files of the current refresh (written on first use). */
  public synchronized Path files() {
    Generation g = generation();
    if (g.dir == null) {
      try {
        g.dir = Files.createTempDirectory("opendata-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      OpenDataExport.write(g.tables, g.dir);
    }
    return g.dir;
  }

  private synchronized Generation generation() {
    Optional<Instant> refreshed = store.lastEvent("refresh");
    if (refreshed.isEmpty() || !store.datasetsFresh()) {
      throw new ConnectorException(
          ErrorCode.NOT_FOUND,
          "No public figures yet: the datasets are not refreshed since the last ingest.");
    }
    if (current == null || !current.refreshedAt.equals(refreshed.get())) {
      Generation next =
          new Generation(
              refreshed.get(), OpenDataExport.compute(store, definitions, catalogue, options));
      Generation old = current;
      current = next;
      if (old != null) {
        delete(old.dir);
      }
    }
    return current;
  }

  /**
   * The published cells that answer a report request, one row per group as the report would give it
   * (the attainment cube's slice rule, {@link CubeSlice}), with the public figures only; empty when
   * the request asks for more than is published (an age band, a rolling period, an org level or
   * children that are not published).
   */
  public Optional<PublicReport> report(ReportRequest r) {
    if (r.grouping() == Grouping.AGE_BAND || r.filters().ageBand() != null) {
      return Optional.empty();
    }
    String kind = DatasetSql.kindCode(r.period());
    if (!options.periodKinds().contains(kind) && !options.periods().contains(r.period().code())) {
      return Optional.empty();
    }
    Generation g = generation();
    if (!g.orgs.contains(r.orgUnitId())
        || (r.grouping() == Grouping.ORG_CHILD && !g.parents.contains(r.orgUnitId()))) {
      return Optional.empty();
    }
    CubeSlice cells = CubeSlice.forReport(r.grouping().goalColumn(), r.filters().byColumn());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> cell :
        g.bySlice.getOrDefault(slice(r.period().code(), r.via().code()), List.of())) {
      String org =
          (String) cell.get(r.grouping() == Grouping.ORG_CHILD ? "parent_org_unit" : "org_unit");
      if (!r.orgUnitId().equals(org) || !cells.matches(cell)) {
        continue;
      }
      rows.add(row(cell, r.grouping()));
    }
    rows.sort(Comparator.comparing(m -> (String) m.get("group")));
    return Optional.of(
        new PublicReport(r, options.threshold(), g.tables.computedAt(), List.copyOf(rows)));
  }

  /**
   * A published figure of one cell: the period, org node (authority view) and every other dimension
   * {@code *}; empty when the figure is not one the table publishes, the cell is not in the table,
   * or it is withheld.
   */
  public Optional<Double> value(String figure, String period, String org) {
    if (!FIGURES.contains(figure)) {
      return Optional.empty();
    }
    CubeSlice total = CubeSlice.total();
    for (Map<String, Object> cell :
        generation().bySlice.getOrDefault(slice(period, Via.AUTHORITY.code()), List.of())) {
      if (org.equals(cell.get("org_unit")) && total.matches(cell)) {
        Object v = cell.get(figure);
        return v == null ? Optional.empty() : Optional.of(((Number) v).doubleValue());
      }
    }
    return Optional.empty();
  }

  private Map<String, Object> row(Map<String, Object> cell, Grouping grouping) {
    String group =
        switch (grouping) {
          case NONE -> CubeSlice.ALL;
          case ORG_CHILD -> (String) cell.get("org_unit");
          default -> (String) cell.get(grouping.goalColumn());
        };
    String label =
        switch (grouping) {
          case NONE -> "I alt";
          case ORG_CHILD -> (String) cell.get("org_unit_name");
          default -> catalogue.labelDa(grouping.goalColumn(), group);
        };
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("group", group);
    for (String figure : FIGURES) {
      row.put(figure, cell.get(figure));
    }
    row.put("suppressed", cell.get("suppressed"));
    row.put("suppression_reason", cell.get("suppression_reason"));
    row.put("group_label", label);
    return row;
  }

  private static String slice(Object period, Object via) {
    return period + "|" + via;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder; the system cleans it up eventually
    }
  }

  @Override
  public synchronized void close() {
    if (current != null) {
      delete(current.dir);
    }
  }
}
