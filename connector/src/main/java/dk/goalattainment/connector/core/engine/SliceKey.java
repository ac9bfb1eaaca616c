package dk.goalattainment.connector.core.engine;

/**
 * One 64-bit integer per slice of the cube (ADR 0021): {@code pid | via | node | cell}, high to low
 * bits, so that the incremental refresh joins and groups its change on one BIGINT instead of four
 * columns. The slice rows keep their four key columns (the view reads them); the packed key is
 * computed from them where an incremental refresh joins.
 *
 * @param layout the packing of cells and org units
 * @param pidBits bits for a period id ({@code 1..n}; 0 = none)
 */
public record SliceKey(CubeLayout layout, int pidBits) {
  public SliceKey {
    if (!fits(layout, pidBits)) {
      throw new IllegalArgumentException("the slice keys do not pack into 63 bits");
    }
  }

  /** Whether slices of this layout with period ids of {@code pidBits} bits fit 63 bits. */
  public static boolean fits(CubeLayout layout, int pidBits) {
    return pidBits + 1 + layout.unitBits() + layout.cellBits() <= 63;
  }

  /** The key for {@code periods} periods (ids {@code 1..periods}), if they fit. */
  public static java.util.Optional<SliceKey> forPeriods(CubeLayout layout, int periods) {
    int bits = CubeLayout.bits(periods);
    return fits(layout, bits)
        ? java.util.Optional.of(new SliceKey(layout, bits))
        : java.util.Optional.empty();
  }

  private int nodeShift() {
    return layout.cellBits();
  }

  private int viaShift() {
    return layout.cellBits() + layout.unitBits();
  }

  int pidShift() {
    return viaShift() + 1;
  }

  /** All bits below the period id: {@code via | node | cell}. */
  long belowPid() {
    return (1L << pidShift()) - 1;
  }

  /** SQL of the packed key of four key expressions. */
  public String of(String pid, String via, String node, String cell) {
    return "((CAST(%s AS BIGINT) << %d) | (CAST(%s AS BIGINT) << %d) | (CAST(%s AS BIGINT) << %d)"
            .formatted(pid, pidShift(), via, viaShift(), node, nodeShift())
        + " | CAST(%s AS BIGINT))".formatted(cell);
  }

  /** SQL of the packed key of the slice rows (or any table with the key columns) under alias. */
  public String ofColumns(String alias) {
    return of(alias + ".pid", alias + ".via", alias + ".node", alias + ".cell");
  }

  /** SQL of the same slice in another period. */
  public String withPid(String key, String pid) {
    return "((CAST(%s AS BIGINT) << %d) | (%s & %d))".formatted(pid, pidShift(), key, belowPid());
  }

  /** SQL of the period id of a key. */
  public String pid(String key) {
    return "CAST(%s >> %d AS INTEGER)".formatted(key, pidShift());
  }

  /** SQL of the view (0 = authority, 1 = provider) of a key. */
  public String via(String key) {
    return "CAST((%s >> %d) & 1 AS INTEGER)".formatted(key, viaShift());
  }

  /** SQL of the org node of a key. */
  public String node(String key) {
    return "CAST((%s >> %d) & %d AS INTEGER)".formatted(key, nodeShift(), layout.unitMask());
  }

  /** SQL of the cell of a key. */
  public String cell(String key) {
    return "CAST(%s & %d AS INTEGER)".formatted(key, layout.cellMask());
  }
}
