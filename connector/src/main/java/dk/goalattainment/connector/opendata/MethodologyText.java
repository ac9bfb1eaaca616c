package dk.goalattainment.connector.opendata;

import dk.goalattainment.connector.core.disclosure.DisclosureControl;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

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
   * The text.
   *
   * @param threshold the suppression threshold K used
   * @param computedAt when the tables were computed
   * @param zone the time zone to state that time in (e.g. {@code Europe/Copenhagen})
   * @param periods the period codes published, e.g. {@code 2018-Q4}, {@code 2018}
   */
  public static String danish(
      int threshold, Instant computedAt, ZoneId zone, List<String> periods) {
    String when = WHEN.format(computedAt.atZone(zone));
    String periodList = periods.isEmpty() ? "(ingen)" : String.join(", ", periods);
    return """
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

        ### Licens

        Data må genbruges efter Creative Commons Navngivelse 4.0 (CC BY 4.0).
        """
        .formatted(
            when,
            zone.getId(),
            periodList,
            threshold,
            threshold,
            DisclosureControl.DEFAULT_THRESHOLD,
            DisclosureControl.MIN_THRESHOLD);
  }
}
