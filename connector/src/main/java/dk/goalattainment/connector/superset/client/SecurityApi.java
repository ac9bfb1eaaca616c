package dk.goalattainment.connector.superset.client;

import static dk.goalattainment.connector.superset.client.SupersetJson.nonNull;
import static dk.goalattainment.connector.superset.client.SupersetJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/** Roles ({@code /api/v1/security/roles/}, FAB's security API) and row-level security rules. */
final class SecurityApi {
  static final String ROLES = "/api/v1/security/roles/";
  static final String RLS = "/api/v1/rowlevelsecurity/";

  private final SupersetHttp http;

  SecurityApi(SupersetHttp http) {
    this.http = http;
  }

  int createRole(String name) {
    ObjectNode body = http.json().createObjectNode();
    body.put("name", name);
    return http.write("POST", ROLES, body).path("id").asInt();
  }

  List<Role> listRoles() {
    try {
      return SupersetJson.list(http, ROLES, List.of()).stream()
          .map(r -> new Role(r.path("id").asInt(), text(r, "name")))
          .toList();
    } catch (SupersetApiException e) {
      if (e.status() == 404 || e.status() == 405) {
        throw new SupersetApiException(
            ErrorCode.REMOTE_FAILURE,
            "Superset has no roles API at GET "
                + ROLES
                + " ("
                + e.status()
                + "): enable it with FAB_ADD_SECURITY_API = True in superset_config.py and"
                + " restart Superset. Row-level security rules and dashboards need it to look up"
                + " roles.",
            e.status(),
            "GET",
            ROLES,
            e.supersetMessage(),
            e);
      }
      throw e;
    }
  }

  List<RlsRule> listRlsRules() {
    return SupersetJson.list(http, RLS, List.of()).stream().map(SecurityApi::rlsRule).toList();
  }

  int createRlsRule(RlsRuleRequest request) {
    return http.write("POST", RLS, rlsBody(request)).path("id").asInt();
  }

  void updateRlsRule(int id, RlsRuleRequest request) {
    http.write("PUT", RLS + id, rlsBody(request));
  }

  void deleteRlsRule(int id) {
    http.write("DELETE", RLS + id, null);
  }

  private ObjectNode rlsBody(RlsRuleRequest r) {
    ObjectNode body = http.json().createObjectNode();
    body.put("name", r.name());
    body.put("filter_type", r.filterType().wireName());
    ArrayNode tables = body.putArray("tables");
    r.tableIds().forEach(tables::add);
    ArrayNode roles = body.putArray("roles");
    r.roleIds().forEach(roles::add);
    body.put("clause", r.clause());
    body.put("group_key", r.groupKey());
    body.put("description", r.description());
    return body;
  }

  private static RlsRule rlsRule(JsonNode r) {
    List<RlsTable> tables = new ArrayList<>();
    for (JsonNode t : r.path("tables")) {
      tables.add(new RlsTable(t.path("id").asInt(), text(t, "schema"), text(t, "table_name")));
    }
    return new RlsRule(
        r.path("id").asInt(),
        text(r, "name"),
        FilterType.ofWireName(r.path("filter_type").asText("Regular")),
        tables,
        SupersetJson.roles(r),
        nonNull(text(r, "clause")),
        text(r, "group_key"),
        text(r, "description"));
  }
}
