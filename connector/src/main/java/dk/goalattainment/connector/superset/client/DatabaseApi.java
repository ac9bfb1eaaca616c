package dk.goalattainment.connector.superset.client;

import static dk.goalattainment.connector.superset.client.SupersetJson.bool;
import static dk.goalattainment.connector.superset.client.SupersetJson.filter;
import static dk.goalattainment.connector.superset.client.SupersetJson.nonNull;
import static dk.goalattainment.connector.superset.client.SupersetJson.text;
import static dk.goalattainment.connector.superset.client.SupersetJson.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** {@code /api/v1/database/}: list, find by name, read the connection, create and update. */
final class DatabaseApi {
  static final String DATABASES = "/api/v1/database/";

  private final SupersetHttp http;

  DatabaseApi(SupersetHttp http) {
    this.http = http;
  }

  List<SupersetDatabase> list() {
    return SupersetJson.list(http, DATABASES, List.of()).stream()
        .map(DatabaseApi::database)
        .toList();
  }

  Optional<SupersetDatabase> findByName(String name) {
    return SupersetJson.list(http, DATABASES, List.of(filter("database_name", "eq", name))).stream()
        .map(DatabaseApi::database)
        .filter(d -> d.databaseName().equals(name))
        .findFirst();
  }

  DatabaseConnection connection(int id) {
    JsonNode r = http.get(DATABASES + id + "/connection", null).path("result");
    return new DatabaseConnection(
        r.path("id").asInt(id),
        text(r, "database_name"),
        text(r, "sqlalchemy_uri"),
        r.path("expose_in_sqllab").asBoolean(false),
        r.path("is_managed_externally").asBoolean(false),
        r.has("external_url") ? Optional.of(nonNull(text(r, "external_url"))) : Optional.empty(),
        uuid(r));
  }

  int create(DatabaseRequest request) {
    ObjectNode body = body(request);
    if (request.uuid() != null) {
      body.put("uuid", request.uuid().toString());
    }
    return http.write("POST", DATABASES, body).path("id").asInt();
  }

  void update(int id, DatabaseRequest request) {
    http.write("PUT", DATABASES + id, body(request));
  }

  private ObjectNode body(DatabaseRequest request) {
    ObjectNode body = http.json().createObjectNode();
    body.put("database_name", request.databaseName());
    body.put("sqlalchemy_uri", request.sqlalchemyUri());
    body.put("expose_in_sqllab", request.exposeInSqllab());
    body.put("is_managed_externally", request.managedExternally());
    body.put("external_url", request.externalUrl());
    return body;
  }

  private static SupersetDatabase database(JsonNode d) {
    return new SupersetDatabase(
        d.path("id").asInt(), text(d, "database_name"), uuid(d), bool(d, "expose_in_sqllab"));
  }
}
