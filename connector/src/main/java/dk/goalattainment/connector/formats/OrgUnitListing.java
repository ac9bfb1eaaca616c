package dk.goalattainment.connector.formats;

import dk.goalattainment.connector.core.model.OrgUnit;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The org units of a store, for {@code connector units} and {@code GET /api/v1/org-units}: ids,
 * names, parents, roles and validity, in tree order (each parent before its children, siblings by
 * id). Org units are administrative data, not personal, and no figure is attached, so the list is
 * public.
 *
 * @param units every unit, in tree order
 */
public record OrgUnitListing(List<Entry> units) {
  /** The columns of the CSV and the fields of the JSON, in order. */
  public static final List<String> COLUMNS =
      List.of("unit_id", "name", "parent_id", "role", "valid_from", "valid_to", "depth");

  public OrgUnitListing {
    units = List.copyOf(units);
  }

  /**
   * One unit.
   *
   * @param parentId null at a root
   * @param role {@code myndighed}, {@code udfoerer}, {@code ekstern}, or null for a grouping node
   * @param validTo the last valid day, or null while the unit is open
   * @param depth 0 at a root, 1 below it, …
   */
  public record Entry(
      String unitId,
      String name,
      @Nullable String parentId,
      @Nullable String role,
      LocalDate validFrom,
      @Nullable LocalDate validTo,
      int depth) {}

  /** The units in tree order. */
  public static OrgUnitListing of(List<OrgUnit> units) {
    Map<String, List<OrgUnit>> children = new HashMap<>();
    Set<String> ids = new HashSet<>();
    units.forEach(u -> ids.add(u.unitId()));
    List<OrgUnit> roots = new ArrayList<>();
    for (OrgUnit u : units) {
      if (u.parentId() == null || !ids.contains(u.parentId())) {
        roots.add(u);
      } else {
        children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
      }
    }
    List<Entry> ordered = new ArrayList<>();
    roots.sort(Comparator.comparing(OrgUnit::unitId));
    for (OrgUnit root : roots) {
      add(root, 0, children, ordered);
    }
    return new OrgUnitListing(ordered);
  }

  private static void add(
      OrgUnit unit, int depth, Map<String, List<OrgUnit>> children, List<Entry> into) {
    into.add(
        new Entry(
            unit.unitId(),
            unit.name(),
            unit.parentId(),
            unit.role() == null ? null : unit.role().code(),
            unit.validFrom(),
            unit.validTo(),
            depth));
    List<OrgUnit> below = new ArrayList<>(children.getOrDefault(unit.unitId(), List.of()));
    below.sort(Comparator.comparing(OrgUnit::unitId));
    for (OrgUnit child : below) {
      add(child, depth + 1, children, into);
    }
  }

  /** The units as rows named by {@link #COLUMNS}, for CSV. */
  public List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Entry e : units) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("unit_id", e.unitId());
      r.put("name", e.name());
      r.put("parent_id", e.parentId());
      r.put("role", e.role());
      r.put("valid_from", e.validFrom());
      r.put("valid_to", e.validTo());
      r.put("depth", e.depth());
      rows.add(r);
    }
    return rows;
  }
}
