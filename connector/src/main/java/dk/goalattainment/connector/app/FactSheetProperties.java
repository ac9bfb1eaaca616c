package dk.goalattainment.connector.app;

import dk.goalattainment.connector.factsheet.FactSheetService;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * The fact sheet's texts: {@code connector.factsheet.title} and {@code
 * connector.factsheet.budget-goal} (env {@code CONNECTOR_FACTSHEET_BUDGET_GOAL}), the budget goal
 * the council set, printed under the title.
 */
@ConfigurationProperties("connector.factsheet")
public record FactSheetProperties(
    @Bindable(defaultValue = "Målopfyldelse i borgernes handleplaner") @NotBlank String title,
    @Bindable(defaultValue = "Borgerne bliver bedre til at mestre eget liv") @NotBlank String budgetGoal) {
  /** The texts as the fact sheet takes them. */
  public FactSheetService.Texts texts() {
    return new FactSheetService.Texts(title, budgetGoal);
  }

  /** The defaults, for use without configuration. */
  public static FactSheetProperties defaults() {
    return new FactSheetProperties(
        "Målopfyldelse i borgernes handleplaner", "Borgerne bliver bedre til at mestre eget liv");
  }
}
