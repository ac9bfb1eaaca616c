package dk.goalattainment.connector.cli;

import dk.goalattainment.connector.app.ConnectorFactory.StoreOpener;
import dk.goalattainment.connector.app.ConnectorRuntime;
import dk.goalattainment.connector.app.OpenDataProperties;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.disclosure.SuppressionReason;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.HttpProperties;
import dk.goalattainment.connector.opendata.CkanClient;
import dk.goalattainment.connector.opendata.CkanDataset;
import dk.goalattainment.connector.opendata.CkanPublisher;
import dk.goalattainment.connector.opendata.CkanResource;
import dk.goalattainment.connector.opendata.DataFormat;
import dk.goalattainment.connector.opendata.OpenDataExport;
import dk.goalattainment.connector.opendata.PublicationMetadata;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code connector opendata …}: suppressed aggregates as open data. */
@Command(
    name = "opendata",
    mixinStandardHelpOptions = true,
    description = "Open data: suppressed aggregates with DCAT-AP-DK metadata, and CKAN publishing.",
    subcommands = {OpenDataCommand.Export.class, OpenDataCommand.Publish.class})
public class OpenDataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options shared by export and publish. */
  static class Selection {
    @Option(
        names = "--threshold",
        defaultValue = "5",
        paramLabel = "K",
        description =
            "Withhold cells with fewer than K distinct citizens (default: ${DEFAULT-VALUE}; never"
                + " below 3).")
    int threshold;

    @Option(
        names = "--levels",
        split = ",",
        paramLabel = "LEVEL",
        description =
            "Org levels to publish, by code of catalogue.yaml's org_levels (kommune,"
                + " forvaltning, driftsomraade, enhed, team); a unit is chosen by its level,"
                + " not its depth; default kommune,forvaltning,driftsomraade.")
    List<String> levels;

    @Option(
        names = "--periods",
        split = ",",
        paramLabel = "P",
        description =
            "Period kinds (year, quarter, rolling) and/or period codes (2021, 2021-Q4);"
                + " default year,quarter.")
    List<String> periods;

    @Option(
        names = "--base-url",
        paramLabel = "URL",
        description =
            "Where the files are published, for the catalogue (default:"
                + " connector.opendata.base-url, else http://localhost:8080/api/v1/opendata).")
    String baseUrl;

    @Option(
        names = "--publisher-name",
        paramLabel = "NAME",
        description = "The publishing organisation (default: connector.opendata.publisher-name).")
    String publisherName;

    @Option(
        names = "--publisher-uri",
        paramLabel = "URL",
        description = "The organisation's URI (default: connector.opendata.publisher-uri).")
    String publisherUri;

    @Option(
        names = "--contact-name",
        paramLabel = "NAME",
        description =
            "The contact point (default: connector.opendata.contact-name, else the publisher).")
    String contactName;

    @Option(
        names = "--contact-email",
        paramLabel = "ADDRESS",
        description = "The contact point's e-mail (default: connector.opendata.contact-email).")
    String contactEmail;

    @Option(
        names = "--landing-page",
        paramLabel = "URL",
        description =
            "A web page about the dataset (default: connector.opendata.landing-page; optional).")
    String landingPage;

    /** The publication metadata: configuration, overridden by the flags given. */
    PublicationMetadata metadata(OpenDataProperties config) {
      return config
          .metadata()
          .with(
              new PublicationMetadata(
                  baseUrl, publisherName, publisherUri, contactName, contactEmail, landingPage));
    }

    OpenDataExport.Options options(Catalogue catalogue, OpenDataProperties config) {
      OpenDataExport.Options d = OpenDataExport.Options.defaults();
      Set<String> chosen = new LinkedHashSet<>();
      if (levels == null || levels.isEmpty()) {
        chosen.addAll(d.levels());
      } else {
        for (String level : levels) {
          chosen.add(level(catalogue, level.strip()));
        }
      }
      Set<String> kinds = new LinkedHashSet<>();
      Set<String> codes = new LinkedHashSet<>();
      if (periods == null || periods.isEmpty()) {
        kinds.addAll(d.periodKinds());
      } else {
        for (String p : periods) {
          String v = p.strip();
          if (Set.of("year", "quarter", "rolling").contains(v)) {
            kinds.add(v);
          } else if (dk.goalattainment.connector.core.model.Period.tryParse(v).isPresent()) {
            codes.add(dk.goalattainment.connector.core.model.Period.tryParse(v).get().code());
          } else {
            throw new ConnectorException(
                ErrorCode.BAD_REQUEST,
                "--periods takes year, quarter, rolling or period codes like 2021 or 2021-Q4");
          }
        }
      }
      return new OpenDataExport.Options(threshold, chosen, kinds, codes, metadata(config));
    }

    private static String level(Catalogue catalogue, String level) {
      List<String> codes = catalogue.orgLevels().stream().map(l -> l.code()).toList();
      if (!codes.contains(level)) {
        throw new ConnectorException(
            ErrorCode.BAD_REQUEST,
            "--levels takes the org level codes of catalogue.yaml: "
                + String.join(", ", codes)
                + "; got '"
                + level
                + "'");
      }
      return level;
    }
  }

  static OpenDataExport.Written export(
      ConnectorRuntime runtime, OpenDataExport.Options options, Path out) {
    if (!runtime.store().datasetsFresh()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST,
          "The datasets are not refreshed since the last ingest: run `connector refresh` first.");
    }
    OpenDataExport.Tables tables =
        OpenDataExport.compute(
            runtime.store(), runtime.definitions(), runtime.catalogue(), options);
    return OpenDataExport.write(tables, out);
  }

  static void summary(PrintWriter out, OpenDataExport.Written written) {
    OpenDataExport.Tables t = written.tables();
    out.printf(
        "%,d rows (threshold K = %d): %,d withheld below K (primary), %,d withheld to protect"
            + " them (secondary); the disclosure audit recovered no withheld value.%n",
        t.rows().size(),
        t.options().threshold(),
        t.withheld(SuppressionReason.PRIMARY),
        t.withheld(SuppressionReason.SECONDARY));
    written.files().forEach(f -> out.println("  " + f));
    List<String> placeholders = t.options().metadata().placeholders();
    if (!placeholders.isEmpty()) {
      out.println(
          "Draft: the publication metadata is not set up, so the catalogue, the JSON and metode.md"
              + " say it is a draft and `opendata publish` refuses it:");
      placeholders.forEach(p -> out.println("  - " + p));
    }
  }

  /** {@code connector opendata export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Writes attainment.csv, .json and .parquet, catalog.jsonld (DCAT-AP-DK) and metode.md:"
              + " the attainment figures at the chosen org levels and periods, per effect goal,"
              + " life theme, target group and goal type (* = all), with disclosure control.")
  public static class Export implements Callable<Integer> {
    @Mixin DbOption db;

    @Mixin Selection selection;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Spec CommandSpec spec;

    @Inject BeanProvider<StoreOpener> stores;

    @Inject OpenDataProperties config;

    @Override
    public Integer call() {
      try (ConnectorRuntime runtime = stores.get().open(db.path())) {
        OpenDataExport.Written written =
            export(runtime, selection.options(runtime.catalogue(), config), out);
        PrintWriter pw = spec.commandLine().getOut();
        summary(pw, written);
        pw.flush();
        return 0;
      }
    }
  }

  /** {@code connector opendata publish}. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description =
          "Exports (as `opendata export`) and creates or updates the dataset and its resources in"
              + " CKAN through the Action API, idempotently: unchanged files are not uploaded"
              + " again.")
  public static class Publish implements Callable<Integer> {
    @Mixin DbOption db;

    @Mixin Selection selection;

    @Option(names = "--ckan", required = true, paramLabel = "URL", description = "CKAN base URL.")
    URI ckan;

    @Option(
        names = "--api-token-env",
        required = true,
        paramLabel = "VAR",
        description = "Environment variable holding the CKAN API token.")
    String tokenEnv;

    @Option(
        names = "--owner-org",
        required = true,
        paramLabel = "ORG",
        description = "CKAN organisation (name or id).")
    String ownerOrg;

    @Option(
        names = "--name",
        defaultValue = "maalopfyldelse-handleplaner",
        paramLabel = "NAME",
        description = "The dataset's stable CKAN name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--dry-run", description = "Show what would change; write nothing to CKAN.")
    boolean dryRun;

    @Spec CommandSpec spec;

    @Inject BeanProvider<StoreOpener> stores;

    @Inject OpenDataProperties config;

    @Inject HttpProperties httpProperties;

    @Override
    public Integer call() throws IOException {
      List<String> placeholders = selection.metadata(config).placeholders();
      if (!placeholders.isEmpty()) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "opendata publish refuses placeholder metadata; fix each of these (configuration"
                + " connector.opendata.*, env CONNECTOR_OPENDATA_*, or the flags):\n  - "
                + String.join("\n  - ", placeholders));
      }
      String token = System.getenv(tokenEnv);
      if (token == null) {
        token = System.getProperty(tokenEnv);
      }
      if (token == null || token.isBlank()) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID, "Set the CKAN API token in " + tokenEnv);
      }
      Path dir = Files.createTempDirectory("opendata-");
      PrintWriter out = spec.commandLine().getOut();
      try (ConnectorRuntime runtime = stores.get().open(db.path())) {
        OpenDataExport.Written written =
            export(runtime, selection.options(runtime.catalogue(), config), dir);
        summary(out, written);
        OpenDataExport.Tables t = written.tables();
        PublicationMetadata m = t.options().metadata();
        Map<String, String> extras = new java.util.LinkedHashMap<>();
        extras.put("threshold", Integer.toString(t.options().threshold()));
        extras.put("periods", String.join(",", t.periods()));
        extras.put("publisher", m.publisherName());
        extras.put("publisher_uri", m.publisherUri());
        extras.put("contact_email", m.contactEmail());
        if (m.landingPage() != null) {
          extras.put("landing_page", m.landingPage());
        }
        CkanDataset dataset =
            new CkanDataset(
                name,
                ownerOrg,
                "Målopfyldelse i handleplaner",
                OpenDataExport.methodology(t),
                CkanDataset.LICENSE_CC_BY,
                List.of("målopfyldelse", "handleplan", "socialområdet", "ledelsesinformation"),
                extras,
                List.of(
                    CkanResource.of(
                        dir.resolve("attainment.csv"), DataFormat.CSV, "Målopfyldelse (CSV)"),
                    CkanResource.of(
                        dir.resolve("attainment.json"), DataFormat.JSON, "Målopfyldelse (JSON)"),
                    CkanResource.of(
                        dir.resolve("attainment.parquet"),
                        DataFormat.PARQUET,
                        "Målopfyldelse (Parquet)")));
        try (CkanClient client = new CkanClient(ckan, token, httpProperties.settings())) {
          out.println(new CkanPublisher(client).publish(dataset, dryRun).summary());
        }
        out.flush();
        return 0;
      }
    }
  }
}
