package dk.goalattainment.connector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The floor plan (docs/ARCHITECTURE.md) as ArchUnit rules over a root package, so that {@link
 * ArchitectureTest} checks them on the connector and shows on a small fixture tree that each one
 * fails when a room is left.
 *
 * <pre>
 *   entry     app (wiring)   rest   cli
 *                 |           |      |
 *   adapters  store ingest definitions superset dashboards opendata factsheet demo
 *                 |                                    kits: http formats
 *   core      core (no framework, no database)
 * </pre>
 */
final class Rooms {
  private Rooms() {}

  /** The framework-free core: depends on nothing of ours. */
  static final String CORE = "core";

  /** Shared tools any adapter or entry point may use; they know the core only. */
  static final List<String> KITS = List.of("http", "formats");

  /** The engine's adapters: each a room of its own (sub-packages belong to it). */
  static final List<String> ADAPTERS =
      List.of(
          "store",
          "ingest",
          "definitions",
          "superset",
          "dashboards",
          "opendata",
          "factsheet",
          "demo");

  /** The entry points: the wiring and the two front doors. */
  static final List<String> ENTRY = List.of("app", "rest", "cli");

  /**
   * The edges between rooms of the adapter layer (and from {@code rest}, which only parses and
   * prints) that the house allows, each with its reason. Every other dependency of an adapter on
   * another adapter's package fails {@link #adaptersKeepToTheirRooms}.
   */
  static final Map<String, String> ALLOWED_EDGES =
      Map.ofEntries(
          Map.entry(
              "dashboards -> superset",
              "the dashboards are Superset's: the compiler writes Superset's bundle format with the"
                  + " sync's one BundleWriter, DatasetSpec and keys (issue 14.3)"),
          Map.entry(
              "dashboards -> definitions",
              "the dashboard specs are definition files, found by DefinitionFiles (bundled or a"
                  + " folder)"),
          Map.entry(
              "superset -> store",
              "the dialect of a SQLAlchemy URI's database tells the default schema a BI tool sees"
                  + " (SqlDialects, issue 14.2)"),
          Map.entry(
              "opendata -> store",
              "OpenDataSource reads the published columns and writes Parquet through the store's"
                  + " dialect"),
          Map.entry(
              "factsheet -> store", "a sheet says when its figures were refreshed (JdbcStore)"),
          Map.entry(
              "factsheet -> opendata",
              "the public fact sheet shows only the published, suppressed open-data table"),
          Map.entry(
              "rest -> opendata", "anonymous answers come from PublicFigures, the published table"),
          Map.entry("rest -> factsheet", "GET /api/v1/factsheet renders through FactSheetService"),
          Map.entry("rest -> ingest", "POST /api/v1/ingest/* parses with CsvRecords/JsonRecords"));

  /**
   * core ← adapters ← entry points, with the kits beside the adapters: nothing depends on an entry
   * point but another entry point ({@code rest} and {@code cli} use {@code app}'s wiring), the core
   * depends on no room, and every class of ours lives in a room.
   */
  static ArchRule layers(String root) {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer("Core")
        .definedBy(root + "." + CORE + "..")
        .layer("Kits")
        .definedBy(packages(root, KITS))
        .layer("Adapters")
        .definedBy(packages(root, ADAPTERS))
        .layer("App")
        .definedBy(root + ".app..")
        .layer("Rest")
        .definedBy(root + ".rest..")
        .layer("Cli")
        .definedBy(root + ".cli..")
        .whereLayer("Core")
        .mayNotAccessAnyLayer()
        .whereLayer("Kits")
        .mayOnlyAccessLayers("Core")
        .whereLayer("Adapters")
        .mayOnlyAccessLayers("Core", "Kits", "Adapters")
        .whereLayer("App")
        .mayOnlyBeAccessedByLayers("Rest", "Cli")
        .whereLayer("Rest")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Cli")
        .mayNotBeAccessedByAnyLayer()
        .because("core <- engine adapters <- rest/cli/app (issue 14.5, docs/ARCHITECTURE.md)");
  }

  /**
   * An adapter (and {@code rest}) depends on another adapter's package only along an edge of {@code
   * allowed}.
   */
  static ArchRule adaptersKeepToTheirRooms(String root, Set<String> allowed) {
    List<String> checked = new java.util.ArrayList<>(ADAPTERS);
    checked.add("rest");
    return classes()
        .that()
        .resideInAnyPackage(packages(root, checked))
        .should(
            new ArchCondition<JavaClass>(
                "depend on another adapter only along an allowed edge " + allowed) {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                String from = room(root, c.getPackageName());
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                  String to = room(root, d.getTargetClass().getPackageName());
                  if (to != null
                      && !to.equals(from)
                      && ADAPTERS.contains(to)
                      && !allowed.contains(from + " -> " + to)) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                }
              }
            })
        .because(
            "adapters keep to their rooms; the few edges between them are named with a reason");
  }

  /** No two packages of ours depend on each other, directly or round a loop. */
  static ArchRule packagesFreeOfCycles(String root) {
    return slices()
        .matching(root + ".(**)")
        .should()
        .beFreeOfCycles()
        .because("a package that depends on itself round a loop is no room of its own");
  }

  /**
   * A database is one package under {@code store} (a dialect, found through {@code ServiceLoader}):
   * no class outside {@code store/<dialect>/} names a class of one, so adding a database edits no
   * other room (docs/ARCHITECTURE.md, "Add a database").
   */
  static ArchRule dialectsStayInTheirPackages(String root) {
    String dialects = root + ".store.*..";
    return noClasses()
        .that()
        .resideOutsideOfPackage(dialects)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(dialects)
        .because("a database is one package and a services line (issue 14)");
  }

  /**
   * {@code app} only wires: every class there is a Micronaut {@code @Factory}, a
   * {@code @ConfigurationProperties}/{@code @EachProperty} record, one of the {@code binders}
   * (named by simple name; the connector's is {@code ConnectorRuntime}, which binds an opened store
   * to the core's services), a class nested in one of those, or code Micronaut generated.
   */
  static ArchRule appOnlyWires(String root, Set<String> binders) {
    return classes()
        .that()
        .resideInAPackage(root + ".app..")
        .should(
            new ArchCondition<JavaClass>(
                "be wiring: a @Factory, a configuration record or a binder " + binders) {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                JavaClass top = c;
                while (top.getEnclosingClass().isPresent()) {
                  top = top.getEnclosingClass().get();
                }
                boolean generated =
                    c.getName().substring(c.getPackageName().length() + 1).startsWith("$");
                boolean wiring =
                    generated
                        || top.getSimpleName().equals("package-info")
                        || top.isAnnotatedWith("io.micronaut.context.annotation.Factory")
                        || top.isAnnotatedWith(
                            "io.micronaut.context.annotation.ConfigurationProperties")
                        || top.isAnnotatedWith("io.micronaut.context.annotation.EachProperty")
                        || binders.contains(top.getSimpleName());
                if (!wiring) {
                  events.add(
                      SimpleConditionEvent.violated(
                          c,
                          c.getName()
                              + " is no wiring: it belongs in an adapter, a kit or the core"));
                }
              }
            })
        .because("app/ only wires (issue 14.5); utilities live where their rule is");
  }

  /** The room of a package: its first segment under the root, or null outside the root. */
  static String room(String root, String packageName) {
    if (!packageName.startsWith(root + ".")) {
      return null;
    }
    String rest = packageName.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static String[] packages(String root, List<String> rooms) {
    return rooms.stream().map(r -> root + "." + r + "..").toArray(String[]::new);
  }
}
