package dk.goalattainment.connector.core.factsheet;

import dk.goalattainment.connector.core.factsheet.FactSheetContent.Figure;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.UnitEntry;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.UnitList;
import dk.goalattainment.connector.core.factsheet.FactSheetContent.UnitLists;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lists "Udfører drift" (the org node's children seen through the provider view) and
 * "Myndighed" (through the authority view), in the main period: each child with data, and under a
 * child that only groups others (an operating area) its own children. Each unit carries a mark
 * against the previous period ({@link Change}) and, inside the success criterion's org node,
 * against its target. Closed units carry the engine's "(afsluttet)".
 */
final class UnitListBuilder {
  private final SheetRequest request;
  private final SheetFigures figures;

  UnitListBuilder(SheetRequest request, SheetFigures figures) {
    this.request = request;
    this.figures = figures;
  }

  UnitLists build() {
    SheetPeriods p = request.periods();
    List<UnitList> lists =
        List.of(list("Udfører drift", Via.PROVIDER), list("Myndighed", Via.AUTHORITY));
    List<String> legend = new ArrayList<>();
    legend.add(
        "Ift. "
            + DanishFormat.period(p.previous())
            + ": + steget, − faldet (de to perioders 95 %-intervaller overlapper ikke),"
            + " = uændret (forskellen ligger inden for intervallerne), ? kan ikke vurderes (under"
            + " 2 borgere), · intet at sammenligne med.");
    SheetRequest.Criterion criterion = request.criterion();
    boolean marked =
        lists.stream().flatMap(l -> l.entries().stream()).anyMatch(e -> e.criterion() != null);
    String criterionText = null;
    if (marked) {
      criterionText =
          "Succeskriterium: Gns. målopfyldelse på mindst "
              + DanishFormat.percent(criterion.target())
              + (criterion.deadline() == null
                  ? ""
                  : " senest " + DanishFormat.date(criterion.deadline()))
              + ", sat for "
              + nameOf(criterion.org())
              + ": + nået, − ikke nået i "
              + DanishFormat.period(p.main())
              + ".";
    }
    return new UnitLists(
        "Enhederne i "
            + DanishFormat.period(p.main())
            + ", sammenlignet med "
            + DanishFormat.period(p.previous()),
        lists,
        criterionText,
        legend);
  }

  private String nameOf(String unitId) {
    OrgUnit u = request.units().get(unitId);
    return u == null ? unitId : u.name();
  }

  private UnitList list(String title, Via via) {
    Period main = request.periods().main();
    List<UnitEntry> entries = new ArrayList<>();
    for (SheetFigures.Child child : figures.children(main, via, request.org())) {
      entries.add(entry(child, via, false));
      OrgUnit unit = request.units().get(child.unitId());
      if (unit != null && unit.role() == null) {
        for (SheetFigures.Child grandchild : figures.children(main, via, child.unitId())) {
          entries.add(entry(grandchild, via, true));
        }
      }
    }
    String empty =
        childrenUnpublished(request, figures, main)
            ? "Enhederne under " + nameOf(request.org()) + " offentliggøres ikke som åbne data."
            : "Ingen enheder med opfølgninger i " + DanishFormat.period(main) + ".";
    return new UnitList(title, FactSheetBuilder.viewName(via), entries, empty);
  }

  /** Whether the source is public and publishes none of the org node's children in a period. */
  static boolean childrenUnpublished(SheetRequest request, SheetFigures figures, Period period) {
    return figures.isPublic()
        && request.units().values().stream()
            .filter(u -> request.org().equals(u.parentId()))
            .noneMatch(u -> figures.covers(period, u.unitId()));
  }

  private UnitEntry entry(SheetFigures.Child child, Via via, boolean nested) {
    SheetPeriods p = request.periods();
    Figure figure = FactSheetBuilder.figure(Optional.of(child.cell()));
    Change change =
        figures.change(
            Slice.total(p.main(), via, child.unitId()),
            Slice.total(p.previous(), via, child.unitId()));
    SheetRequest.Criterion criterion = request.criterion();
    String vsCriterion = null;
    if (criterion != null
        && criterion.scope().contains(child.unitId())
        && !child.cell().withheld()
        && child.cell().attainment() != null) {
      vsCriterion = child.cell().attainment() >= criterion.target() ? "+" : "−";
    }
    return new UnitEntry(
        child.label(),
        nested,
        figure,
        change.verdict().mark(),
        ResultText.changeWords(change, p.previous()),
        vsCriterion);
  }
}
