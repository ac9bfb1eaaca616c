package dk.goalattainment.connector.core.access;

/** What figures a caller may see for one org node: the answer of {@link AccessPolicy#figures}. */
public enum FigureAccess {
  /** Every figure, unsuppressed: a token with the read scope whose subtrees hold the org node. */
  FULL,
  /**
   * Only the public, disclosure-controlled figures (domain.md §4; the open-data table): an
   * anonymous caller, or a token without the read scope.
   */
  PUBLIC,
  /** Nothing: a read token limited to other org subtrees. Answer 403 without any figure. */
  FORBIDDEN
}
