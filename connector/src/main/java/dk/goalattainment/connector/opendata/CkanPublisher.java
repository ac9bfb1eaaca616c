package dk.goalattainment.connector.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.opendata.PublishReport.Action;
import dk.goalattainment.connector.opendata.PublishReport.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates or updates a dataset and its files in CKAN, idempotently.
 *
 * <ul>
 *   <li><b>Dataset</b>, found by its stable name ({@code package_show}): absent → {@code
 *       package_create} (public); present → the managed fields (title, notes, licence, owner
 *       organisation, tags, the given extras) are compared and only those that differ are sent by
 *       {@code package_patch}; nothing when none differ. Other fields, other extras and the
 *       dataset's visibility are left as they are.
 *   <li><b>Resources</b>, found by name within the dataset: the SHA-256 of each file is stored in
 *       the resource (custom field {@value #SHA256_FIELD} and in CKAN's {@code hash}). Absent →
 *       {@code resource_create} with the file uploaded (multipart field {@code upload}); present
 *       with another checksum → {@code resource_patch} with a new upload; same checksum → {@code
 *       resource_patch} without upload only if the description, format or media type differ, else
 *       nothing. Resources of the dataset that are not given are left alone.
 * </ul>
 *
 * So a second run with unchanged files writes nothing but the dataset fields that changed (e.g. the
 * methodology text with its new computation time). A dry run reads ({@code package_show}) and
 * reports the same steps without writing.
 */
public final class CkanPublisher {
  /** The custom resource field that holds the SHA-256 (hex) of the uploaded file. */
  public static final String SHA256_FIELD = "sha256";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CkanClient client;

  public CkanPublisher(CkanClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Publishes the dataset.
   *
   * @param dryRun when true, only reads and reports what it would do
   * @throws ConnectorException when CKAN refuses ({@link ErrorCode#UNAUTHORIZED}, {@link
   *     ErrorCode#BAD_REQUEST}) or fails ({@link ErrorCode#REMOTE_FAILURE}), or a file cannot be
   *     read ({@link ErrorCode#BAD_REQUEST})
   */
  public PublishReport publish(CkanDataset dataset, boolean dryRun) {
    Map<String, String> checksums = new LinkedHashMap<>();
    for (CkanResource r : dataset.resources()) {
      checksums.put(r.name(), sha256(r.file()));
    }
    List<Step> steps = new ArrayList<>();
    Optional<JsonNode> existing = client.packageShow(dataset.name());
    JsonNode pkg;
    if (existing.isEmpty()) {
      steps.add(new Step(Action.CREATE_DATASET, dataset.name(), "owner " + dataset.ownerOrg()));
      pkg = dryRun ? null : client.call("package_create", createBody(dataset));
    } else {
      ObjectNode patch = patchBody(existing.get(), dataset);
      List<String> changed = new ArrayList<>();
      patch.fieldNames().forEachRemaining(f -> changed.add(f));
      changed.remove("id");
      if (changed.isEmpty()) {
        steps.add(new Step(Action.DATASET_UNCHANGED, dataset.name(), ""));
        pkg = existing.get();
      } else {
        steps.add(new Step(Action.PATCH_DATASET, dataset.name(), String.join(", ", changed)));
        pkg = dryRun ? existing.get() : client.call("package_patch", patch);
      }
    }
    Map<String, JsonNode> current = new LinkedHashMap<>();
    if (pkg != null) {
      for (JsonNode r : pkg.path("resources")) {
        current.putIfAbsent(r.path("name").asText(), r);
      }
    }
    String packageId = pkg == null ? null : pkg.path("id").asText();
    for (CkanResource r : dataset.resources()) {
      String sha = checksums.get(r.name());
      JsonNode now = current.get(r.name());
      if (now == null) {
        steps.add(new Step(Action.CREATE_RESOURCE, r.name(), "sha256 " + sha.substring(0, 12)));
        if (!dryRun) {
          Map<String, String> fields = resourceFields(r, sha);
          fields.put("package_id", packageId);
          client.callWithUpload("resource_create", fields, r.file(), r.name(), r.mediaType());
        }
      } else if (sha.equals(now.path(SHA256_FIELD).asText(null))
          || sha.equals(now.path("hash").asText(null))) {
        List<String> differ = new ArrayList<>();
        same(differ, now, "description", r.description());
        same(differ, now, "format", r.format());
        same(differ, now, "mimetype", r.mediaType());
        if (differ.isEmpty()) {
          steps.add(new Step(Action.RESOURCE_UNCHANGED, r.name(), ""));
        } else {
          steps.add(new Step(Action.PATCH_RESOURCE, r.name(), String.join(", ", differ)));
          if (!dryRun) {
            ObjectNode body = JSON.createObjectNode().put("id", now.path("id").asText());
            body.put("description", r.description());
            body.put("format", r.format());
            body.put("mimetype", r.mediaType());
            client.call("resource_patch", body);
          }
        }
      } else {
        steps.add(new Step(Action.UPLOAD_RESOURCE, r.name(), "sha256 " + sha.substring(0, 12)));
        if (!dryRun) {
          Map<String, String> fields = resourceFields(r, sha);
          fields.put("id", now.path("id").asText());
          client.callWithUpload("resource_patch", fields, r.file(), r.name(), r.mediaType());
        }
      }
    }
    return new PublishReport(dryRun, dataset.name(), steps);
  }

  private static Map<String, String> resourceFields(CkanResource r, String sha) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name", r.name());
    f.put("description", r.description());
    f.put("format", r.format());
    f.put("mimetype", r.mediaType());
    f.put("hash", sha);
    f.put(SHA256_FIELD, sha);
    return f;
  }

  private static void same(List<String> differ, JsonNode node, String field, String wanted) {
    if (!wanted.equals(node.path(field).asText(""))) {
      differ.add(field);
    }
  }

  private static ObjectNode createBody(CkanDataset d) {
    ObjectNode b = JSON.createObjectNode();
    b.put("name", d.name());
    b.put("owner_org", d.ownerOrg());
    b.put("title", d.title());
    b.put("notes", d.notes());
    b.put("license_id", d.licenseId());
    b.put("private", false);
    b.set("tags", tags(d.tags()));
    ArrayNode extras = b.putArray("extras");
    d.extras().forEach((k, v) -> extras.addObject().put("key", k).put("value", v));
    return b;
  }

  /** {@code id} plus every managed field whose value differs in CKAN. */
  private static ObjectNode patchBody(JsonNode existing, CkanDataset d) {
    ObjectNode b = JSON.createObjectNode().put("id", existing.path("id").asText());
    if (!d.title().equals(existing.path("title").asText(""))) {
      b.put("title", d.title());
    }
    if (!d.notes().equals(existing.path("notes").asText(""))) {
      b.put("notes", d.notes());
    }
    if (!d.licenseId().equals(existing.path("license_id").asText(""))) {
      b.put("license_id", d.licenseId());
    }
    JsonNode org = existing.path("organization");
    boolean sameOrg =
        d.ownerOrg().equals(existing.path("owner_org").asText(""))
            || d.ownerOrg().equals(org.path("name").asText(""))
            || d.ownerOrg().equals(org.path("id").asText(""));
    if (!sameOrg) {
      b.put("owner_org", d.ownerOrg());
    }
    Set<String> tagsNow = new TreeSet<>();
    existing.path("tags").forEach(t -> tagsNow.add(t.path("name").asText()));
    if (!tagsNow.equals(new TreeSet<>(d.tags()))) {
      b.set("tags", tags(d.tags()));
    }
    Map<String, String> extrasNow = new LinkedHashMap<>();
    existing
        .path("extras")
        .forEach(e -> extrasNow.put(e.path("key").asText(), e.path("value").asText()));
    boolean extrasDiffer =
        d.extras().entrySet().stream()
            .anyMatch(e -> !e.getValue().equals(extrasNow.get(e.getKey())));
    if (extrasDiffer) {
      Map<String, String> merged = new LinkedHashMap<>(extrasNow);
      merged.putAll(d.extras());
      ArrayNode extras = b.putArray("extras");
      merged.forEach((k, v) -> extras.addObject().put("key", k).put("value", v));
    }
    return b;
  }

  private static ArrayNode tags(List<String> tags) {
    ArrayNode a = JSON.createArrayNode();
    tags.forEach(t -> a.addObject().put("name", t));
    return a;
  }

  /** The SHA-256 of a file, lower-case hex. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.BAD_REQUEST, "Cannot read " + file + " to publish it", e);
    } catch (NoSuchAlgorithmException e) {
      throw new ConnectorException(ErrorCode.INTERNAL, "SHA-256 is not available", e);
    }
  }
}
