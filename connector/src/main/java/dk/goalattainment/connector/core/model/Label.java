package dk.goalattainment.connector.core.model;

import java.util.Objects;

/** A label in Danish and English. */
public record Label(String da, String en) {
  public Label {
    Objects.requireNonNull(da, "da");
    Objects.requireNonNull(en, "en");
  }
}
