package dk.goalattainment.connector.superset.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reading Superset's JSON: list endpoints page by page, rison filters, tolerant field access. */
final class SupersetJson {
  private SupersetJson() {}

  /**
   * Every item of a list endpoint, read page by page ({@link SupersetClient#PAGE_SIZE} a page)
   * until Superset's {@code count} is reached; an item seen twice (a list that shifted between
   * pages) is kept once.
   */
  static List<JsonNode> list(SupersetHttp http, String path, List<Map<String, Object>> filters) {
    List<JsonNode> all = new ArrayList<>();
    Set<Integer> seen = new LinkedHashSet<>();
    for (int page = 0; ; page++) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (!filters.isEmpty()) {
        q.put("filters", filters);
      }
      q.put("page", page);
      q.put("page_size", SupersetClient.PAGE_SIZE);
      JsonNode answer = http.get(path, Rison.encode(q));
      JsonNode result = answer.path("result");
      int count = answer.path("count").asInt(0);
      for (JsonNode item : result) {
        if (!item.has("id") || seen.add(item.path("id").asInt())) {
          all.add(item);
        }
      }
      if (result.isEmpty() || all.size() >= count || page > count / SupersetClient.PAGE_SIZE + 1) {
        return all;
      }
    }
  }

  /** One rison filter: {@code (col:…,opr:…,value:…)}. */
  static Map<String, Object> filter(String column, String operator, Object value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("col", column);
    f.put("opr", operator);
    f.put("value", value);
    return f;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  static Boolean bool(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asBoolean();
  }

  static UUID uuid(JsonNode node) {
    String v = text(node, "uuid");
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static List<Role> roles(JsonNode node) {
    List<Role> roles = new ArrayList<>();
    for (JsonNode role : node.path("roles")) {
      roles.add(new Role(role.path("id").asInt(), text(role, "name")));
    }
    return roles;
  }

  static String nonNull(String s) {
    return s == null ? "" : s;
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
