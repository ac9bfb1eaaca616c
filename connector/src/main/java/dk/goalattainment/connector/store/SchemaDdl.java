package dk.goalattainment.connector.store;

import dk.goalattainment.connector.core.schema.StoreSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** The store schema ({@link StoreSchema}) as one dialect's idempotent DDL. */
public final class SchemaDdl {
  private SchemaDdl() {}

  /**
   * @param typeName the dialect's name of each column type
   * @param primaryKeys whether the dialect keeps primary keys and secondary indexes
   * @param unloggedPrefix what precedes {@code TABLE} for scratch and engine tables ({@code
   *     "UNLOGGED "} or empty)
   */
  public static List<String> render(
      Function<StoreSchema.Type, String> typeName, boolean primaryKeys, String unloggedPrefix) {
    return render(typeName, primaryKeys, unloggedPrefix, t -> true);
  }

  /** As {@link #render(Function, boolean, String)}, for the tables {@code include} accepts. */
  public static List<String> render(
      Function<StoreSchema.Type, String> typeName,
      boolean primaryKeys,
      String unloggedPrefix,
      Predicate<StoreSchema.Table> include) {
    List<String> ddl = new ArrayList<>();
    for (StoreSchema.Table t : StoreSchema.TABLES) {
      if (!include.test(t)) {
        continue;
      }
      List<String> columns = new ArrayList<>();
      for (StoreSchema.Column c : t.columns()) {
        columns.add(c.name() + " " + typeName.apply(c.type()) + (c.nullable() ? "" : " NOT NULL"));
      }
      if (primaryKeys && !t.primaryKey().isEmpty()) {
        columns.add("PRIMARY KEY (" + String.join(", ", t.primaryKey()) + ")");
      }
      String prefix = t.kind() == StoreSchema.Kind.STORED ? "" : unloggedPrefix;
      ddl.add(
          "CREATE "
              + prefix
              + "TABLE IF NOT EXISTS "
              + t.name()
              + " (\n  "
              + String.join(",\n  ", columns)
              + "\n)");
      for (StoreSchema.Column c : t.columns()) {
        if (c.added()) {
          ddl.add(
              "ALTER TABLE "
                  + t.name()
                  + " ADD COLUMN IF NOT EXISTS "
                  + c.name()
                  + " "
                  + typeName.apply(c.type()));
        }
      }
      if (primaryKeys) {
        for (List<String> index : t.indexes()) {
          ddl.add(
              "CREATE INDEX IF NOT EXISTS "
                  + t.name()
                  + "_"
                  + String.join("_", index)
                  + " ON "
                  + t.name()
                  + " ("
                  + String.join(", ", index)
                  + ")");
        }
      }
    }
    return ddl;
  }

  /** The names of the ingest's stage tables ({@link StoreSchema.Kind#STAGE}). */
  public static List<String> stageTables() {
    return StoreSchema.TABLES.stream()
        .filter(t -> t.kind() == StoreSchema.Kind.STAGE)
        .map(StoreSchema.Table::name)
        .toList();
  }
}
