package dk.goalattainment.connector.superset.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The structure check of a bundle ({@link BundleWriter#problems}). */
final class BundleCheck {
  private BundleCheck() {}

  @SuppressWarnings("unchecked")
  static List<String> problems(Map<String, ?> files) {
    List<String> problems = new ArrayList<>();
    if (!(files.get("metadata.yaml") instanceof Map<?, ?> meta) || meta.get("version") == null) {
      problems.add("metadata.yaml: missing, or without version");
    }
    Map<String, Set<String>> uuids = new HashMap<>();
    Set<String> all = new HashSet<>();
    files.forEach(
        (path, doc) ->
            BundleWriter.REQUIRED.forEach(
                (folder, required) -> {
                  if (!path.startsWith(folder)) {
                    return;
                  }
                  Map<String, Object> y =
                      doc instanceof Map<?, ?> ? (Map<String, Object>) doc : Map.of();
                  for (String field : required) {
                    if (y.get(field) == null) {
                      problems.add(path + ": required field " + field + " is missing");
                    }
                  }
                  for (String mapping : List.of("extra", "params", "position", "metadata")) {
                    boolean mustMap =
                        mapping.equals("extra")
                            ? folder.equals("databases/")
                            : required.contains(mapping);
                    if (mustMap && y.get(mapping) != null && !(y.get(mapping) instanceof Map)) {
                      problems.add(path + ": " + mapping + " must be a mapping");
                    }
                  }
                  String uuid = String.valueOf(y.get("uuid"));
                  uuids.computeIfAbsent(folder, k -> new LinkedHashSet<>()).add(uuid);
                  if (!all.add(uuid)) {
                    problems.add(path + ": duplicate UUID " + uuid);
                  }
                }));
    Set<String> databases = uuids.getOrDefault("databases/", Set.of());
    Set<String> datasets = uuids.getOrDefault("datasets/", Set.of());
    Set<String> charts = uuids.getOrDefault("charts/", Set.of());
    Set<String> placed = new HashSet<>();
    files.forEach(
        (path, doc) -> {
          Map<String, Object> y = doc instanceof Map<?, ?> ? (Map<String, Object>) doc : Map.of();
          if (path.startsWith("datasets/")
              && !databases.contains(String.valueOf(y.get("database_uuid")))) {
            problems.add(
                path + ": database_uuid " + y.get("database_uuid") + " is not in the bundle");
          }
          if (path.startsWith("charts/")
              && !datasets.contains(String.valueOf(y.get("dataset_uuid")))) {
            problems.add(
                path + ": dataset_uuid " + y.get("dataset_uuid") + " is not in the bundle");
          }
          if (path.startsWith("dashboards/")) {
            dashboard(problems, path, y, charts, datasets, placed);
          }
        });
    for (String chart : charts) {
      if (!placed.contains(chart)) {
        problems.add("chart " + chart + " is not placed on any dashboard in the bundle");
      }
    }
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static void dashboard(
      List<String> problems,
      String path,
      Map<String, Object> y,
      Set<String> charts,
      Set<String> datasets,
      Set<String> placed) {
    Map<String, Object> position =
        y.get("position") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    for (String key : List.of("ROOT_ID", "GRID_ID", "HEADER_ID")) {
      if (!position.containsKey(key)) {
        problems.add(path + ": position has no " + key);
      }
    }
    position.forEach(
        (key, node) -> {
          if (key.startsWith("CHART-") && node instanceof Map<?, ?> n) {
            Object meta = n.get("meta");
            Object uuid = meta instanceof Map<?, ?> m ? m.get("uuid") : null;
            placed.add(String.valueOf(uuid));
            if (!charts.contains(String.valueOf(uuid))) {
              problems.add(
                  path
                      + ": position "
                      + key
                      + " points to chart "
                      + uuid
                      + ", which is not in the bundle");
            }
          }
        });
    Map<String, Object> metadata =
        y.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Object configured = metadata.getOrDefault("native_filter_configuration", List.of());
    for (Object f : configured instanceof List<?> l ? l : List.of()) {
      Map<String, Object> filter = f instanceof Map<?, ?> fm ? (Map<String, Object>) fm : Map.of();
      Object targets = filter.getOrDefault("targets", List.of());
      for (Object t : targets instanceof List<?> tl ? tl : List.of()) {
        Object ds = t instanceof Map<?, ?> tm ? tm.get("datasetUuid") : null;
        if (!datasets.contains(String.valueOf(ds))) {
          problems.add(
              path
                  + ": filter "
                  + filter.get("id")
                  + " targets dataset "
                  + ds
                  + ", which is not in the bundle");
        }
      }
    }
  }
}
