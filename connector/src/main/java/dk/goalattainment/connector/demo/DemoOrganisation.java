package dk.goalattainment.connector.demo;

import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic organisation, shaped like Aarhus Kommune's Socialforvaltningen: municipality →
 * department → three operating areas → authority, provider and external units → teams. Some units
 * close part-way and a successor opens the day after.
 */
final class DemoOrganisation {
  static final String FBU = "FBU";
  static final String SUV = "SUV";
  static final String VH = "VH";

  private static final String MYNDIGHED = "myndighed";
  private static final String UDFOERER = "udfoerer";
  private static final String EKSTERN = "ekstern";
  private static final String NONE = "";

  /**
   * One org unit. {@code area} is the operating area it belongs to (null for the nodes above the
   * areas); {@code providerWeight} is how often it is chosen as a goal's provider (0: never).
   */
  record Unit(
      String id,
      String name,
      String parentId,
      String role,
      LocalDate validFrom,
      LocalDate validTo,
      String area,
      int providerWeight) {

    boolean openOn(long epochDay) {
      return validFrom.toEpochDay() <= epochDay
          && (validTo == null || epochDay <= validTo.toEpochDay());
    }

    RawOrgUnit raw() {
      return new RawOrgUnit(
          id,
          name,
          parentId == null ? "" : parentId,
          role,
          validFrom.toString(),
          validTo == null ? "" : validTo.toString());
    }
  }

  /** Every unit, parents before their children. */
  static final List<Unit> UNITS =
      List.of(
          group("AAK", "Aarhus Kommune", null, "1970-04-01", null),
          group("SOC", "Socialforvaltningen", "AAK", "2007-01-01", null),
          group(FBU, "Familier, Børn og Unge", "SOC", "2011-01-01", FBU),
          group(SUV, "Socialpsykiatri og Udsatte Voksne", "SOC", "2011-01-01", SUV),
          group(VH, "Voksne med Handicap", "SOC", "2011-01-01", VH),
          // Familier, Børn og Unge
          unit("FBU-M", "FBU Myndighed", FBU, MYNDIGHED, "2011-01-01", null, FBU, 0),
          unit("BC", "Børnecentret", FBU, UDFOERER, "2014-01-01", null, FBU, 3),
          unit("BC-FAM", "Team Familiebehandling", "BC", UDFOERER, "2014-01-01", null, FBU, 2),
          unit("BC-AFL", "Team Aflastning", "BC", UDFOERER, "2016-08-01", null, FBU, 2),
          unit("UC", "Ungdomscentret", FBU, UDFOERER, "2012-01-01", null, FBU, 3),
          unit("UC-EFT", "Team Efterværn", "UC", UDFOERER, "2017-01-01", null, FBU, 2),
          unit("DI", "Døgnindsatsen", FBU, UDFOERER, "2013-01-01", null, FBU, 3),
          unit("CFP", "Center for Familiepleje", FBU, UDFOERER, "2011-01-01", "2019-06-30", FBU, 3),
          unit("FPC", "Familieplejecentret", FBU, UDFOERER, "2019-07-01", null, FBU, 3),
          unit("OS-SOL", "Opholdsstedet Solbakken ApS", FBU, EKSTERN, "2015-03-01", null, FBU, 1),
          // Socialpsykiatri og Udsatte Voksne
          unit("SUV-M", "SUV Myndighed", SUV, MYNDIGHED, "2011-01-01", null, SUV, 0),
          unit("SPN", "Socialpsykiatrien Nord", SUV, UDFOERER, "2011-01-01", null, SUV, 3),
          unit("SPN-BST", "Team Bostøtte Nord", "SPN", UDFOERER, "2015-01-01", null, SUV, 2),
          unit("SPS", "Socialpsykiatrien Syd", SUV, UDFOERER, "2011-01-01", null, SUV, 3),
          unit("SPS-BST", "Team Bostøtte Syd", "SPS", UDFOERER, "2015-01-01", null, SUV, 2),
          unit("FHH", "Forsorgshjem og Herberg", SUV, UDFOERER, "2011-01-01", null, SUV, 2),
          unit("MC", "Misbrugscentret", SUV, UDFOERER, "2011-01-01", "2020-12-31", SUV, 3),
          unit("RMC", "Rusmiddelcentret", SUV, UDFOERER, "2021-01-01", null, SUV, 3),
          unit("BO-LIN", "Bostedet Lindely (privat)", SUV, EKSTERN, "2016-01-01", null, SUV, 1),
          // Voksne med Handicap
          unit("VH-M", "VH Myndighed", VH, MYNDIGHED, "2011-01-01", null, VH, 0),
          unit("BTV", "Botilbud Vest", VH, UDFOERER, "2011-01-01", null, VH, 3),
          unit("BTV-BOL", "Team Boliger Vest", "BTV", UDFOERER, "2016-01-01", null, VH, 2),
          unit("BTO", "Botilbud Øst", VH, UDFOERER, "2011-01-01", null, VH, 3),
          unit("BTO-BOL", "Team Boliger Øst", "BTO", UDFOERER, "2016-01-01", null, VH, 2),
          unit("BST", "Bostøtten", VH, UDFOERER, "2013-01-01", null, VH, 2),
          unit("AKH", "Aktivitetscenter Hasle", VH, UDFOERER, "2011-01-01", "2020-12-31", VH, 2),
          unit("ASN", "Aktivitets- og Samværscenter Nord", VH, UDFOERER, "2021-01-01", null, VH, 2),
          unit("BT-EGE", "Botilbuddet Egeskoven (privat)", VH, EKSTERN, "2014-05-01", null, VH, 1));

  private static final Unit[] FBU_PROVIDERS = providers(FBU);
  private static final Unit[] SUV_PROVIDERS = providers(SUV);
  private static final Unit[] VH_PROVIDERS = providers(VH);

  private DemoOrganisation() {}

  private static Unit group(String id, String name, String parent, String from, String area) {
    return unit(id, name, parent, NONE, from, null, area, 0);
  }

  private static Unit unit(
      String id,
      String name,
      String parent,
      String role,
      String from,
      String to,
      String area,
      int providerWeight) {
    return new Unit(
        id,
        name,
        parent,
        role,
        LocalDate.parse(from),
        to == null ? null : LocalDate.parse(to),
        area,
        providerWeight);
  }

  private static Unit[] providers(String area) {
    return UNITS.stream()
        .filter(u -> area.equals(u.area()) && u.providerWeight() > 0)
        .toArray(Unit[]::new);
  }

  /** The authority (myndighed) unit of an operating area. */
  static String authorityOf(String area) {
    return area + "-M";
  }

  /**
   * A provider unit of the area open on {@code epochDay}, chosen by weight; null when none is open.
   */
  static String providerOn(String area, long epochDay, SplittableRandom rng) {
    Unit[] candidates =
        switch (area) {
          case FBU -> FBU_PROVIDERS;
          case SUV -> SUV_PROVIDERS;
          default -> VH_PROVIDERS;
        };
    int total = 0;
    for (Unit u : candidates) {
      if (u.openOn(epochDay)) {
        total += u.providerWeight();
      }
    }
    if (total == 0) {
      return null;
    }
    int r = rng.nextInt(total);
    for (Unit u : candidates) {
      if (u.openOn(epochDay)) {
        r -= u.providerWeight();
        if (r < 0) {
          return u.id();
        }
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
