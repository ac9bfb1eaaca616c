package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.DateWindow;
import dk.goalattainment.connector.core.privacy.Redaction;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The refresh's guard against stored records it cannot place in a period: goals and follow-ups
 * whose dates lie outside the {@link DateWindow} (stored before the ingest checked dates, or by
 * hand). One query before the build finds them; the refresh then stops with a message that names
 * each (record kind, id and field; the first {@value #NAMED}) and says how to correct it, instead
 * of failing inside the build.
 */
public final class UnplaceableRecords {
  /** Records named in the message; the count gives the rest. */
  static final int NAMED = 20;

  private static final String FIND =
      """
      SELECT kind, id, field FROM (
        SELECT 'goals' AS kind, goal_id AS id, 'set_date' AS field FROM goal
         WHERE set_date < ? OR set_date > ?
        UNION ALL
        SELECT 'goals', goal_id, 'due_date' FROM goal WHERE due_date < ? OR due_date > ?
        UNION ALL
        SELECT 'followups', followup_id, 'followup_date' FROM followup
         WHERE followup_date < ? OR followup_date > ?) t
      ORDER BY kind, id, field""";

  private final JdbcStore store;

  public UnplaceableRecords(JdbcStore store) {
    this.store = store;
  }

  /** One stored record's field that lies outside the window. */
  public record Unplaceable(String kind, String id, String field) {
    @Override
    public String toString() {
      return kind + " " + id + " (" + field + ")";
    }
  }

  /** Every stored goal and follow-up date outside the window, by kind, id and field. */
  public List<Unplaceable> find(DateWindow window) {
    Date earliest = Date.valueOf(window.earliest());
    Date latest = Date.valueOf(window.latest());
    List<Unplaceable> found = new ArrayList<>();
    try (Connection c = store.dialect().connect();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      for (int i = 1; i <= 6; i += 2) {
        ps.setDate(i, earliest);
        ps.setDate(i + 1, latest);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new Unplaceable(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    } catch (SQLException e) {
      throw JdbcStore.failure("checking the stored dates", e);
    }
    return found;
  }

  /**
   * Throws {@link ErrorCode#STORED_DATA_INVALID} naming the records outside the window, if there
   * are any; nothing is changed.
   */
  public void requireNone(DateWindow window) {
    List<Unplaceable> found = find(window);
    if (found.isEmpty()) {
      return;
    }
    List<String> named = new ArrayList<>();
    for (Unplaceable u : found.subList(0, Math.min(NAMED, found.size()))) {
      named.add(u.toString());
    }
    String more = found.size() > NAMED ? " and " + (found.size() - NAMED) + " more" : "";
    throw new ConnectorException(
        ErrorCode.STORED_DATA_INVALID,
        Redaction.hideCprLike(
            "The refresh stopped and changed nothing: "
                + found.size()
                + (found.size() == 1 ? " stored date lies" : " stored dates lie")
                + " outside the plausible dates "
                + window.earliest()
                + " to "
                + window.latest()
                + " (connector.ingest.*), so no period can hold "
                + (found.size() == 1 ? "it" : "them")
                + ": "
                + String.join(", ", named)
                + more
                + ". Send each record again with a corrected date (a record with the same id"
                + " replaces the stored one), then refresh."));
  }
}
