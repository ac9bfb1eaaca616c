package dk.goalattainment.connector.superset.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small assets bundles for the client's import tests. */
public final class TestBundles {
  private TestBundles() {}

  /**
   * A bundle with one database {@code goals}; without {@code extra} when {@code complete} is false
   * (Superset's importer then fails with 500, LIVE-FACTS.md).
   */
  public static byte[] oneDatabase(boolean complete) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bundle/metadata.yaml"));
      zip.write(
          "version: 1.0.0\ntype: assets\ntimestamp: '2026-01-01T00:00:00+00:00'\n"
              .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("bundle/databases/goals.yaml"));
      zip.write(
          ("database_name: goals\nsqlalchemy_uri: postgresql://reader:XXXXXXXXXX@db/goals\n"
                  + (complete
                      ? "allow_csv_upload: false\nextra: {}\n"
                      : "allow_csv_upload: false\n")
                  + "uuid: a2dc77af-e654-49bb-b321-40f6b559a1ee\nversion: 1.0.0\n")
              .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }
}
