package dk.goalattainment.connector.opendata;

import dk.goalattainment.connector.core.disclosure.DisclosureControl;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A short Danish methodology text (Markdown) to publish with the tables: what the figures mean, the
 * suppression rule, the threshold used and when the figures were computed. CKAN shows it as the
 * dataset's description.
 */
public final class MethodologyText {
  private static final Locale DANISH = Locale.forLanguageTag("da-DK");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH.mm", DANISH);

  private MethodologyText() {}

  /**
   * What the text states.
   *
   * @param threshold the suppression threshold K used
   * @param computedAt when the tables were computed
   * @param zone the time zone to state that time in (e.g. {@code Europe/Copenhagen})
   * @param periods the period codes published, e.g. {@code 2018-Q4}, {@code 2018}
   * @param rows rows in the table
   * @param primary rows withheld below the threshold
   * @param secondary rows withheld to protect others
   * @param draftReasons why the metadata is not fit to publish; empty when it is
   * @param columns each column's Danish name, in file order
   * @param codeLists the codes of the coded columns
   * @param byLevel rows and withheld rows per org level, top down
   */
  public record Facts(
      int threshold,
      Instant computedAt,
      ZoneId zone,
      List<String> periods,
      long rows,
      long primary,
      long secondary,
      List<String> draftReasons,
      Map<String, String> columns,
      CodeLists codeLists,
      List<LevelCount> byLevel) {}

  /** Rows and withheld rows at one org level. */
  public record LevelCount(String level, long rows, long withheld) {}

  /** The text. */
  public static String danish(Facts f) {
    String when = WHEN.format(f.computedAt().atZone(f.zone()));
    String periodList = f.periods().isEmpty() ? "(ingen)" : String.join(", ", f.periods());
    StringBuilder sb = new StringBuilder();
    if (!f.draftReasons().isEmpty()) {
      sb.append("> **Udkast – ikke til offentliggørelse.** Metadata om udgiver og kontakt er ikke")
          .append(" sat op (")
          .append(String.join("; ", f.draftReasons()))
          .append("). `connector opendata publish` afviser at udgive det.\n\n");
    }
    sb.append(
        """
        ## Metode

        Tallene er beregnet %s (%s) for perioderne %s.

        ### Hvad tallene viser

        Borger og sagsbehandler vurderer borgerens situation på dialoglinealen (1–10) inden for et \
        livstema, sætter mål med en målscore og følger op efter et halvt til et helt år med en ny \
        score. En periode er et kvartal (`2018-Q4`), et år (`2018`) eller et rullende år \
        (`2018-Q4R4`); en opfølgning hører til den periode, dens dato ligger i, og har et mål flere \
        opfølgninger i samme periode, tæller kun den seneste. `*` i en dimensionskolonne betyder \
        "alle".

        - **N, unikke borgere** (`citizens`): antal forskellige borgere med mindst én opfølgning.
        - **Antal opfulgte mål** (`goals_followed_up`): opfølgninger, der tæller (én pr. mål).
        - **Antal opfyldte mål** (`goals_met`): heraf mål, hvor scoren ved opfølgningen er mindst \
        målscoren.
        - **Andel opfyldte mål** (`goals_met_share`): antal opfyldte mål ÷ antal opfulgte mål.
        - **Gns. målopfyldelse** (`goal_attainment_avg`): for hver borger andelen af borgerens \
        opfulgte mål, der er opfyldt; derefter gennemsnittet over borgerne.

        Et mål tæller på sin enhed og alle overliggende enheder. Borgere tælles unikt på hvert \
        niveau, så N for en enhed eller et effektmål kan være mindre end summen af delenes N.

        ### To visninger: myndighed og udfører (`via`)

        Hvert tal findes to gange i tabellen: én gang med `via` = `authority`, hvor et mål hører \
        til sin myndighedsenhed (den enhed, der har sagen), og én gang med `via` = `provider`, \
        hvor det hører til sin udførerenhed (den enhed, der leverer indsatsen). Det er de samme \
        borgere og mål set gennem to organisationstræer, så de to visninger må aldrig lægges \
        sammen: vælg den ene. Mål uden udfører indgår kun i myndighedsvisningen, så \
        udførervisningens tal kan være mindre.

        ### Diskretionering

        Ingen række handler om en enkelt borger, og ingen dato er mere detaljeret end perioden.

        - **Primær**: en celle med færre end %d borgere offentliggøres ikke. Alle dens tal er \
        tomme, `suppressed` er `true` og `suppression_reason` er `primary`.
        - **Sekundær**: antal opfulgte og opfyldte mål lægger sig sammen i grupper: \
        underenhederne af en enhed, effektmålene i en total, livstemaerne i et effektmål samt \
        målgrupperne og måltyperne i et udsnit. I en gruppe må der aldrig være netop én udeladt \
        værdi, for den kunne regnes ud af totalen og de øvrige. Er der det, udelades også den \
        offentliggjorte celle med færrest borgere. En enheds egne mål (ud over underenhedernes) \
        tæller som en udeladt del af gruppen, medmindre de offentliggøres som en række for sig. \
        Reglen gentages, til den holder i alle grupper. Derefter kontrolleres hele tabellen med \
        eksakt lineær algebra på tværs af alle grupper på én gang, og hvor en udeladt værdi stadig \
        kunne regnes ud (eller ses at være nul), udelades flere celler. Sådanne celler har \
        `suppression_reason` = `secondary`.
        - Tærsklen er %d borgere (standard %d, aldrig under %d).

        """
            .formatted(
                when,
                f.zone().getId(),
                periodList,
                f.threshold(),
                f.threshold(),
                DisclosureControl.DEFAULT_THRESHOLD,
                DisclosureControl.MIN_THRESHOLD));
    withheldRows(sb, f);
    columnsAndCodeLists(sb, f);
    sb.append(
        """
        ### Licens

        Data må genbruges efter Creative Commons Navngivelse 4.0 (CC BY 4.0).
        """);
    return sb.toString();
  }

  /** How many rows are withheld, and why, in all and per org level. */
  private static void withheldRows(StringBuilder sb, Facts f) {
    long withheld = f.primary() + f.secondary();
    sb.append("### Udeladte rækker\n\n")
        .append(
            "Af tabellens %s rækker er %s (%s) udeladt: %s, fordi cellen har færre end %d borgere"
                .formatted(
                    count(f.rows()),
                    count(withheld),
                    share(withheld, f.rows()),
                    count(f.primary()),
                    f.threshold()))
        .append(" (primær), og %s for at beskytte dem (sekundær).".formatted(count(f.secondary())));
    if (!f.byLevel().isEmpty()) {
      sb.append(" Pr. organisatorisk niveau:\n\n| niveau | rækker | udeladt |\n|---|---:|---:|\n");
      for (LevelCount l : f.byLevel()) {
        sb.append("| ")
            .append(l.level())
            .append(" | ")
            .append(count(l.rows()))
            .append(" | ")
            .append(count(l.withheld()))
            .append(" (")
            .append(share(l.withheld(), l.rows()))
            .append(") |\n");
      }
    }
    sb.append("\n\n");
  }

  /** What each column means, and every code list. */
  private static void columnsAndCodeLists(StringBuilder sb, Facts f) {
    sb.append("### Kolonner\n\n")
        .append("Kolonnenavnene er stabile og engelske, så programmer, der læser filen, ikke")
        .append(" brydes; `*_label`-kolonnerne står ved siden af koderne med de danske navne.\n\n")
        .append("| kolonne | betydning |\n|---|---|\n");
    f.columns()
        .forEach((c, da) -> sb.append("| `").append(c).append("` | ").append(da).append(" |\n"));
    sb.append("\n### Kodelister\n\n");
    for (CodeLists.CodeList list : f.codeLists().lists().values()) {
      sb.append("**")
          .append(list.title().da())
          .append("** (`")
          .append(list.column())
          .append("`): ");
      List<String> codes = new java.util.ArrayList<>();
      for (CodeLists.Code c : list.codes()) {
        codes.add(
            c.code().equals(c.label().da())
                ? "`" + c.code() + "`"
                : "`" + c.code() + "` " + c.label().da());
      }
      sb.append(String.join("; ", codes)).append(".\n\n");
    }
  }

  private static String count(long n) {
    return NumberFormat.getIntegerInstance(DANISH).format(n);
  }

  private static String share(long part, long whole) {
    if (whole == 0) {
      return "0 %";
    }
    NumberFormat pct = NumberFormat.getNumberInstance(DANISH);
    pct.setMinimumFractionDigits(1);
    pct.setMaximumFractionDigits(1);
    return pct.format(100.0 * part / whole) + " %";
  }
}
