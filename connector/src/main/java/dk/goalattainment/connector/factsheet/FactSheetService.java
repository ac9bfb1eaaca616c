package dk.goalattainment.connector.factsheet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dk.goalattainment.connector.core.catalogue.Catalogue;
import dk.goalattainment.connector.core.definitions.Definitions;
import dk.goalattainment.connector.core.definitions.MetricDefinition;
import dk.goalattainment.connector.core.engine.ReportRequest;
import dk.goalattainment.connector.core.engine.ReportService;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.factsheet.EngineFigures;
import dk.goalattainment.connector.core.factsheet.FactSheetBuilder;
import dk.goalattainment.connector.core.factsheet.FactSheetContent;
import dk.goalattainment.connector.core.factsheet.SheetFigures;
import dk.goalattainment.connector.core.factsheet.SheetPeriods;
import dk.goalattainment.connector.core.factsheet.SheetRequest;
import dk.goalattainment.connector.core.model.OrgUnit;
import dk.goalattainment.connector.core.model.Period;
import dk.goalattainment.connector.core.model.Via;
import dk.goalattainment.connector.opendata.OpenDataExport;
import dk.goalattainment.connector.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fact sheet use case ({@code connector factsheet}, {@code GET /api/v1/factsheet}): checks the
 * request, reads the figures — the engine's reports for the full sheet, the disclosure-controlled
 * open-data table for the public one — builds the content and renders it as HTML or PDF.
 */
public final class FactSheetService {
  /** The output formats. */
  public enum Format {
    HTML("text/html; charset=utf-8", "html"),
    PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    public String mediaType() {
      return mediaType;
    }

    public String extension() {
      return extension;
    }
  }

  /** Which figures the sheet shows. */
  public enum Variant {
    /** The engine's figures, with intervals: for authenticated readers. */
    FULL,
    /** Only the disclosure-controlled open-data figures: fit to publish. */
    PUBLIC
  }

  /**
   * A checked request.
   *
   * @param openData the open-data selection the public sheet is built from (ignored for FULL)
   */
  public record Request(
      SheetPeriods periods,
      String org,
      Via via,
      Format format,
      Variant variant,
      OpenDataExport.Options openData) {
    public Request {
      Objects.requireNonNull(periods, "periods");
      Objects.requireNonNull(org, "org");
      Objects.requireNonNull(via, "via");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(variant, "variant");
      Objects.requireNonNull(openData, "openData");
    }
  }

  /** A rendered sheet. */
  public record Rendered(byte[] bytes, Format format, int pages, String fileName) {}

  /**
   * The texts printed on every sheet.
   *
   * @param title the sheet's title
   * @param budgetGoal the budget goal the council set, printed under the title
   */
  public record Texts(String title, String budgetGoal) {
    public Texts {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(budgetGoal, "budgetGoal");
    }
  }

  private final ReportService reports;
  private final JdbcStore store;
  private final Definitions definitions;
  private final Catalogue catalogue;
  private final Texts texts;

  /**
   * The open-data table of the latest refresh and selection (one entry: a new refresh or selection
   * replaces it); computed once per key, concurrent callers of one key wait for that computation.
   */
  private final Cache<TablesKey, OpenDataExport.Tables> tables =
      Caffeine.newBuilder().maximumSize(1).executor(Runnable::run).build();

  private record TablesKey(Instant generation, OpenDataExport.Options options) {}

  /** The sheets of a store: its reports, its refreshed open data, its definitions' criterion. */
  public FactSheetService(
      ReportService reports,
      JdbcStore store,
      Definitions definitions,
      Catalogue catalogue,
      Texts texts) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.store = Objects.requireNonNull(store, "store");
    this.definitions = Objects.requireNonNull(definitions, "definitions");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.texts = Objects.requireNonNull(texts, "texts");
  }

  /**
   * Checks a request's text parameters (every problem at once, {@link ErrorCode#BAD_REQUEST}); an
   * unknown org unit is {@link ErrorCode#NOT_FOUND}. {@code format} is {@code html} or {@code pdf}.
   */
  public Request request(
      String period,
      String org,
      String via,
      String format,
      Variant variant,
      OpenDataExport.Options openData) {
    List<String> problems = new ArrayList<>();
    ReportRequest parsed = null;
    try {
      parsed = reports.request(period, org, via, null, null);
      if (parsed.period().kind() == Period.Kind.ROLLING) {
        problems.add(
            "period must be a year (2021) or a quarter (2021-Q4); a quarter's sheet shows the"
                + " four quarters ending with it");
      }
    } catch (ConnectorException e) {
      if (e.code() != ErrorCode.BAD_REQUEST) {
        throw e;
      }
      problems.add(e.getMessage().replaceFirst("^Invalid report parameters: ", ""));
    }
    Format f = null;
    if (format == null || format.isBlank()) {
      problems.add("format is required (html or pdf)");
    } else {
      try {
        f = Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add("format must be html or pdf");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Invalid fact sheet parameters: " + String.join("; ", problems));
    }
    SheetPeriods periods = SheetPeriods.of(parsed.period());
    if (reports.reader().orgUnit(parsed.orgUnitId()).isEmpty()) {
      throw new ConnectorException(
          ErrorCode.NOT_FOUND, "No org unit has the id given as the fact sheet's org node.");
    }
    return new Request(periods, parsed.orgUnitId(), parsed.via(), f, variant, openData);
  }

  /** The sheet's content (what the renderers show). */
  public FactSheetContent content(Request request) {
    Map<String, OrgUnit> units = new LinkedHashMap<>();
    reports.reader().orgUnits().forEach(u -> units.put(u.unitId(), u));
    EngineFigures engine = new EngineFigures(reports);
    SheetFigures figures = engine;
    Integer threshold = null;
    if (request.variant() == Variant.PUBLIC) {
      figures = new OpenDataFigures(tables(request.openData()), engine);
      threshold = request.openData().threshold();
      if (!figures.covers(request.periods().main(), request.org())) {
        throw new ConnectorException(
            ErrorCode.NOT_FOUND,
            "The open data publish no figures for this org unit in "
                + request.periods().main()
                + ": the public fact sheet covers the org levels and period kinds the open data"
                + " publish (by default municipality, department and operating area; years and"
                + " quarters), where there are follow-ups.");
      }
    }
    SheetRequest sheet =
        new SheetRequest(
            request.periods(),
            request.org(),
            request.via(),
            texts.title(),
            texts.budgetGoal(),
            computedAt(),
            criterion(units),
            units,
            threshold);
    return new FactSheetBuilder(catalogue).build(sheet, figures);
  }

  /** The sheet rendered in the request's format. */
  public Rendered render(Request request) {
    FactSheetContent content = content(request);
    boolean publicSheet = request.variant() == Variant.PUBLIC;
    String html = HtmlRenderer.render(content, publicSheet);
    String name =
        "faktablad-"
            + request.org().replaceAll("[^A-Za-z0-9_-]", "_")
            + "-"
            + request.periods().main().code()
            + (request.via() == Via.PROVIDER ? "-udfoerer" : "")
            + (publicSheet ? "-offentlig" : "")
            + "."
            + request.format().extension();
    if (request.format() == Format.HTML) {
      return new Rendered(html.getBytes(StandardCharsets.UTF_8), Format.HTML, 0, name);
    }
    PdfRenderer.Pdf pdf =
        PdfRenderer.render(
            html,
            HtmlRenderer.documentTitle(content),
            "Budgetmål: " + content.header().budgetGoal(),
            computedAt());
    return new Rendered(pdf.bytes(), Format.PDF, pdf.pages(), name);
  }

  /**
   * When the figures were computed: the last refresh while the datasets are fresh (the reports read
   * them), else now (the reports are computed live).
   */
  private Instant computedAt() {
    if (store.datasetsFresh()) {
      return store.lastEvent("refresh").orElseGet(Instant::now);
    }
    return Instant.now();
  }

  /** The success criterion of Gns. målopfyldelse, with the units it covers. */
  private SheetRequest.Criterion criterion(Map<String, OrgUnit> units) {
    MetricDefinition.SuccessCriterion sc =
        definitions
            .metric("goal_attainment_avg")
            .map(MetricDefinition::successCriterion)
            .orElse(null);
    if (sc == null || sc.target() == null || sc.org() == null || !units.containsKey(sc.org())) {
      return null;
    }
    Set<String> scope = new HashSet<>();
    scope.add(sc.org());
    boolean grew = true;
    while (grew) {
      grew = false;
      for (OrgUnit u : units.values()) {
        if (u.parentId() != null && scope.contains(u.parentId()) && scope.add(u.unitId())) {
          grew = true;
        }
      }
    }
    LocalDate deadline = sc.deadline() == null ? null : LocalDate.parse(sc.deadline());
    return new SheetRequest.Criterion(sc.target(), deadline, sc.org(), scope);
  }

  /** The open-data table, computed once per refresh of the datasets and selection. */
  OpenDataExport.Tables tables(OpenDataExport.Options options) {
    if (!store.datasetsFresh()) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST,
          "The public fact sheet is built from the open data, which need the datasets refreshed"
              + " after the last ingest: run `connector refresh` first.");
    }
    Instant generation = store.refreshGeneration().orElse(null);
    return tables.get(
        new TablesKey(generation, options),
        key -> OpenDataExport.compute(store, definitions, catalogue, options));
  }
}
