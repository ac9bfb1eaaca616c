package dk.goalattainment.connector.core.model;

import java.time.LocalDate;
import java.util.Objects;

/** A follow-up: a new score on the ruler for a goal. */
public record FollowUp(String followupId, String goalId, LocalDate followupDate, int score) {
  public FollowUp {
    Objects.requireNonNull(followupId, "followupId");
    Objects.requireNonNull(goalId, "goalId");
    Objects.requireNonNull(followupDate, "followupDate");
    Scores.requireOnRuler(score, "score");
  }
}
