package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.app.FactSheetProperties;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.factsheet.FactSheetService;
import dk.goalattainment.connector.opendata.OpenDataExport;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector factsheet}: the printable fact sheet (FAKTABLAD) as PDF or HTML. */
@Command(
    name = "factsheet",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the fact sheet (FAKTABLAD) for the city council or a committee: A4, in Danish, as"
          + " PDF or HTML, with the same figures as `report`, the REST API and Superset.",
      "A year's sheet shows the year and its last quarter side by side; a quarter's shows the"
          + " four quarters ending with it and the quarter. Then the goal types, a chart per"
          + " effect goal over the quarters, the units under \"Udfører drift\" and \"Myndighed\","
          + " the Resultat text and the method note.",
      "--public builds it from the disclosure-controlled open-data figures only (withheld cells"
          + " shown as –), fit to publish."
    })
public class FactSheetCommand implements Callable<Integer> {
  @Mixin DbOption db;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "P",
      description = "A year (2021) or a quarter (2021-Q4).")
  String period;

  @Option(names = "--org", required = true, paramLabel = "UNIT", description = "Org unit id.")
  String org;

  @Option(
      names = "--via",
      defaultValue = "authority",
      paramLabel = "authority|provider",
      description =
          "View of the table and charts: goals at their authority (myndighed) or provider"
              + " (udfører) unit (default: ${DEFAULT-VALUE}). The unit lists show both.")
  String via;

  @Option(
      names = "--format",
      paramLabel = "pdf|html",
      description = "Output format (default: from the --out file's extension, else pdf).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  Path out;

  @Option(
      names = "--public",
      description =
          "Only the disclosure-controlled open-data figures (as `opendata export`): fit to"
              + " publish. Needs refreshed datasets.")
  boolean publicSheet;

  @Option(
      names = "--threshold",
      defaultValue = "5",
      paramLabel = "K",
      description =
          "With --public: withhold cells with fewer than K citizens, as `opendata export"
              + " --threshold` (default: ${DEFAULT-VALUE}; never below 3).")
  int threshold;

  @Spec CommandSpec spec;

  @Inject BeanProvider<StoreOpener> stores;
  @Inject FactSheetProperties texts;

  @Override
  public Integer call() {
    String chosen = format != null ? format : fromExtension(out);
    OpenDataExport.Options d = OpenDataExport.Options.defaults();
    OpenDataExport.Options openData =
        new OpenDataExport.Options(
            threshold, d.levels(), d.periodKinds(), d.periods(), d.metadata());
    try (ConnectorRuntime runtime = stores.get().open(db.path())) {
      FactSheetService service = runtime.factSheets(texts.texts());
      FactSheetService.Request request =
          service.request(
              period,
              org,
              via,
              chosen,
              publicSheet ? FactSheetService.Variant.PUBLIC : FactSheetService.Variant.FULL,
              openData);
      FactSheetService.Rendered sheet = service.render(request);
      write(sheet.bytes());
      PrintWriter w = spec.commandLine().getOut();
      w.printf(
          Locale.ROOT,
          "Wrote %s: the %sfact sheet for %s, %s (%s%s, %,d bytes)%n",
          out,
          publicSheet ? "public " : "",
          request.org(),
          request.periods().main(),
          sheet.format().extension().toUpperCase(Locale.ROOT),
          sheet.pages() > 0 ? ", " + sheet.pages() + (sheet.pages() == 1 ? " page" : " pages") : "",
          sheet.bytes().length);
      w.flush();
      return 0;
    }
  }

  private static String fromExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".html") || name.endsWith(".htm") ? "html" : "pdf";
  }

  private void write(byte[] bytes) {
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(out, bytes);
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Cannot write the fact sheet to " + out + ": " + e.getMessage());
    }
  }
}
