package dk.goalattainment.connector.opendata;

import java.util.List;

/**
 * What a publish did, or — in a dry run — would do.
 *
 * @param dryRun whether nothing was written
 * @param datasetName the dataset's CKAN name
 * @param steps one step for the dataset, then one per resource, in order
 */
public record PublishReport(boolean dryRun, String datasetName, List<Step> steps) {
  public PublishReport {
    steps = List.copyOf(steps);
  }

  /** What happens to the dataset or one resource. */
  public enum Action {
    CREATE_DATASET,
    PATCH_DATASET,
    DATASET_UNCHANGED,
    CREATE_RESOURCE,
    /** The file changed: a new upload replaces it. */
    UPLOAD_RESOURCE,
    /** The file is unchanged, its description or format changed: metadata only. */
    PATCH_RESOURCE,
    RESOURCE_UNCHANGED
  }

  /**
   * One step.
   *
   * @param target the dataset name or the resource name
   * @param detail e.g. the fields that differ
   */
  public record Step(Action action, String target, String detail) {}

  /** Whether anything was (or would be) written. */
  public boolean changesAnything() {
    return steps.stream()
        .anyMatch(
            s -> s.action() != Action.DATASET_UNCHANGED && s.action() != Action.RESOURCE_UNCHANGED);
  }

  /** One line per step, e.g. {@code PATCH_DATASET maalopfyldelse (notes)}. */
  public String summary() {
    StringBuilder b = new StringBuilder(dryRun ? "Dry run, nothing written:" : "Published:");
    for (Step s : steps) {
      b.append("\n  ").append(s.action()).append(' ').append(s.target());
      if (s.detail() != null && !s.detail().isEmpty()) {
        b.append(" (").append(s.detail()).append(')');
      }
    }
    return b.toString();
  }
}
