package dk.goalattainment.connector.superset.client;

import static dk.goalattainment.connector.superset.client.SupersetJson.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.http.MultipartForms;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Dashboards by slug, their role access, and the assets import that brings them in. */
final class DashboardApi {
  static final String DASHBOARDS = "/api/v1/dashboard/";
  static final String IMPORT = "/api/v1/assets/import/";

  private final SupersetHttp http;

  DashboardApi(SupersetHttp http) {
    this.http = http;
  }

  Optional<SupersetDashboard> find(String slug) {
    JsonNode r;
    try {
      r = http.get(DASHBOARDS + slug, null).path("result");
    } catch (SupersetApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(
        new SupersetDashboard(
            r.path("id").asInt(),
            text(r, "slug"),
            text(r, "certification_details"),
            SupersetJson.roles(r)));
  }

  void updateRoles(int id, List<Integer> roleIds) {
    ObjectNode body = http.json().createObjectNode();
    ArrayNode roles = body.putArray("roles");
    roleIds.forEach(roles::add);
    http.write("PUT", DASHBOARDS + id, body);
  }

  /** One assets import, never repeated; a failure names the bundle's likely faults. */
  void importAssets(byte[] bundleZip, Map<String, String> passwords) {
    Objects.requireNonNull(bundleZip, "bundleZip");
    String passwordJson;
    try {
      passwordJson = http.json().writeValueAsString(new LinkedHashMap<>(passwords));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      http.writeMultipartOnce(
          IMPORT,
          () ->
              MultipartForms.withFile(
                  passwords.isEmpty() ? Map.of() : Map.of("passwords", passwordJson),
                  "bundle",
                  "bundle.zip",
                  new MediaType("application", "zip"),
                  bundleZip));
    } catch (SupersetApiException e) {
      if (e.status() < 500 && e.status() != 0) {
        throw e;
      }
      throw importFailed(e);
    }
  }

  private static SupersetApiException importFailed(SupersetApiException e) {
    return new SupersetApiException(
        ErrorCode.REMOTE_FAILURE,
        "Superset could not import the bundle ("
            + (e.status() == 0 ? "no answer" : e.status() + " " + e.supersetMessage())
            + "). It was not sent again: Superset reports any failure inside an import this way,"
            + " and its cause is in the bundle, not the network. Likely causes: a field that"
            + " Superset's importers read unconditionally is missing (databases: uuid,"
            + " sqlalchemy_uri, allow_csv_upload, extra; datasets: uuid, database_uuid; charts:"
            + " params, viz_type, uuid; dashboards: uuid, position, metadata), or a database of"
            + " the same name exists in Superset under another UUID. Superset's log names the"
            + " error (a KeyError or IntegrityError in the importer).",
        e.status(),
        "POST",
        IMPORT,
        e.supersetMessage(),
        e);
  }
}
