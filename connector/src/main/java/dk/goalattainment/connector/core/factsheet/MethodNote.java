package dk.goalattainment.connector.core.factsheet;

import java.util.ArrayList;
import java.util.List;

/** The fact sheet's method note: what the figures mean and how low N and withheld cells read. */
final class MethodNote {
  private MethodNote() {}

  static List<String> paragraphs(boolean publicSheet, Integer threshold) {
    List<String> p = new ArrayList<>();
    p.add(
        "Gns. målopfyldelse: for hver borger andelen af borgerens opfulgte mål, der er nået"
            + " (scoren på Dialoglinealen eller Børnelinealen er mindst målscoren), og derefter"
            + " gennemsnittet over borgerne. Har et mål flere opfølgninger i en periode, tæller"
            + " kun den seneste.");
    p.add(
        "N (unik cpr): antal forskellige borgere med mindst én opfølgning i perioden. Hver"
            + " række er talt for sig: et effektmåls N er ikke summen af livstemaernes, og en"
            + " enheds N er ikke summen af enhederne under den.");
    p.add(
        "Måltyper: andelen af alle opfulgte mål, der er opfyldte og ikke opfyldte mål af hver"
            + " type (Progressionsmål: målscore over udgangspunktet; Vedligeholdelsesmål: lig"
            + " med; Mål om tilbagegang: under). De seks andele giver tilsammen 100 %.");
    p.add(
        "Usikkerhed: 95 %-intervallet er gennemsnittet ± 1,96 · s/√N. En ændring kaldes kun en"
            + " stigning (+) eller et fald (−), når de to perioders intervaller ikke overlapper;"
            + " ellers er den uændret (=).");
    p.add(
        "Lav N: tal for under 20 borgere er markeret med * og er usikre – ingen måling uden"
            + " faglig refleksion.");
    p.add(
        "Myndighed placerer målene hos den enhed, der har sat dem; udfører hos den enhed, der"
            + " leverer indsatsen. Afsluttede enheder vises med \"(afsluttet)\" i de perioder,"
            + " hvor de har tal.");
    if (publicSheet) {
      p.add(
          "Offentlig udgave: kun tal fra de åbne data. "
              + withheldFootnote(threshold)
              + " Konfidensintervallerne offentliggøres ikke; vurderingerne + / − / = bygger på"
              + " dem.");
    }
    return p;
  }

  static String withheldFootnote(Integer threshold) {
    return "– Udeladt af hensyn til diskretion: færre end "
        + (threshold == null ? "tærsklen for" : threshold.toString())
        + " borgere, eller udeladt, for at en anden udeladt celle ikke kan regnes ud.";
  }
}
