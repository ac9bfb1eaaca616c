package dk.goalattainment.connector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.formats.CsvTables;
import dk.goalattainment.connector.formats.OrgUnitListing;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector units}: the org units of the store (ids to give {@code report --org}). */
@Command(
    name = "units",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the org units of the store in tree order: id, name, parent, role and validity"
          + " (closed units too). These are the ids `report --org` and the API's `org` take; no"
          + " figures. The same list is GET /api/v1/org-units."
    })
public class UnitsCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    table,
    csv,
    json
  }

  @Mixin DbOption db;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|csv|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ConnectorRuntime runtime = stores.get().open(db.path())) {
      OrgUnitListing listing = OrgUnitListing.of(runtime.store().orgUnits());
      switch (format) {
        case csv -> CsvTables.write(OrgUnitListing.COLUMNS, listing.rows(), out);
        case json -> {
          out.println(
              new ObjectMapper()
                  .registerModule(new JavaTimeModule())
                  .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                  .writeValueAsString(listing));
        }
        case table -> table(out, listing);
      }
      out.flush();
      return 0;
    }
  }

  private static void table(PrintWriter out, OrgUnitListing listing) {
    if (listing.units().isEmpty()) {
      out.println("The store has no org units yet: `connector ingest --org FILE` loads them.");
      return;
    }
    out.printf("%-36s %-44s %-10s %s%n", "unit_id", "name", "role", "valid");
    for (OrgUnitListing.Entry e : listing.units()) {
      out.printf(
          "%-36s %-44s %-10s %s – %s%n",
          "  ".repeat(e.depth()) + e.unitId(),
          e.name(),
          e.role() == null ? "" : e.role(),
          e.validFrom(),
          e.validTo() == null ? "" : e.validTo() + " (afsluttet)");
    }
    out.printf("%,d units.%n", listing.units().size());
  }
}
