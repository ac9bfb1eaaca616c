package dk.goalattainment.connector.core.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A goal as stored: pseudonymised. The citizen is known only by {@code citizenKey} (HMAC of the CPR
 * number) and the age band on the set date. {@code providerUnitId} may be null.
 */
public record Goal(
    String goalId,
    String citizenKey,
    String targetGroup,
    String lifeTheme,
    String effectGoal,
    GoalType goalType,
    int baselineScore,
    int targetScore,
    LocalDate setDate,
    LocalDate dueDate,
    String authorityUnitId,
    String providerUnitId,
    AgeBand ageBand) {
  public Goal {
    Objects.requireNonNull(goalId, "goalId");
    Objects.requireNonNull(citizenKey, "citizenKey");
    Objects.requireNonNull(targetGroup, "targetGroup");
    Objects.requireNonNull(lifeTheme, "lifeTheme");
    Objects.requireNonNull(effectGoal, "effectGoal");
    Objects.requireNonNull(goalType, "goalType");
    Objects.requireNonNull(setDate, "setDate");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(authorityUnitId, "authorityUnitId");
    Objects.requireNonNull(ageBand, "ageBand");
    Scores.requireOnRuler(baselineScore, "baselineScore");
    Scores.requireOnRuler(targetScore, "targetScore");
    if (!dueDate.isAfter(setDate)) {
      throw new IllegalArgumentException("dueDate must be after setDate");
    }
    if (goalType != GoalType.derive(baselineScore, targetScore)) {
      throw new IllegalArgumentException("goalType contradicts the scores");
    }
  }
}
