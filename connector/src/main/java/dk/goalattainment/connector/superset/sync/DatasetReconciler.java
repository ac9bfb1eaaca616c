package dk.goalattainment.connector.superset.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.goalattainment.connector.superset.client.ColumnPut;
import dk.goalattainment.connector.superset.client.DatasetUpdate;
import dk.goalattainment.connector.superset.client.MetricPut;
import dk.goalattainment.connector.superset.client.SupersetColumn;
import dk.goalattainment.connector.superset.client.SupersetDataset;
import dk.goalattainment.connector.superset.client.SupersetMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Compares a desired dataset with Superset's and builds the update: dataset fields, and the full
 * column and metric lists Superset's PUT replaces (existing entries keep their ids; entries the
 * connector does not manage are sent back as they are).
 */
final class DatasetReconciler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The lines for the plan and the update to send (null when nothing differs). */
  record Result(
      Change dataset, List<Change> children, DatasetUpdate update, List<String> warnings) {}

  private DatasetReconciler() {}

  static Result reconcile(DatasetSpec spec, SupersetDataset remote, boolean prune) {
    String name = spec.qualifiedName();
    List<String> warnings = new ArrayList<>();

    List<String> fields = new ArrayList<>();
    if (!same(spec.description(), remote.description())) {
      fields.add("description");
    }
    if (!remote.managedExternally()) {
      fields.add("is_managed_externally");
    }
    if (spec.externalUrl() != null
        && remote.externalUrl().isPresent()
        && !same(spec.externalUrl(), remote.externalUrl().get())) {
      fields.add("external_url");
    }
    if (remote.uuid() != null && !remote.uuid().equals(spec.uuid())) {
      warnings.add(
          "dataset "
              + name
              + " has UUID "
              + remote.uuid()
              + ", not "
              + spec.uuid()
              + " (it was not created by this sync; Superset's API cannot change a dataset's"
              + " UUID). It is updated in place, but prune will not recognise it once it is no"
              + " longer defined.");
    }

    List<Change> children = new ArrayList<>();
    List<ColumnPut> columns = new ArrayList<>();
    boolean columnsChanged = reconcileColumns(spec, remote, prune, children, columns);
    List<MetricPut> metrics = new ArrayList<>();
    boolean metricsChanged = reconcileMetrics(spec, remote, prune, children, metrics);

    Change dataset =
        new Change(
            fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE, AssetKind.DATASET, name, fields);
    DatasetUpdate update = null;
    if (!fields.isEmpty() || columnsChanged || metricsChanged) {
      update =
          new DatasetUpdate(
              fields.isEmpty() ? null : nonNull(spec.description()),
              fields.isEmpty() ? null : Boolean.TRUE,
              fields.isEmpty() ? null : spec.externalUrl(),
              columnsChanged ? columns : null,
              metricsChanged ? metrics : null);
    }
    return new Result(dataset, children, update, warnings);
  }

  private static boolean reconcileColumns(
      DatasetSpec spec,
      SupersetDataset remote,
      boolean prune,
      List<Change> changes,
      List<ColumnPut> out) {
    String prefix = spec.qualifiedName() + ".";
    Map<String, SupersetColumn> byName = new LinkedHashMap<>();
    remote.columns().forEach(c -> byName.put(c.columnName(), c));
    boolean changed = false;
    for (ColumnSpec c : spec.columns()) {
      UUID uuid = SupersetKeys.columnUuid(spec.tableName(), c.columnName());
      SupersetColumn r = byName.remove(c.columnName());
      if (r == null) {
        changes.add(
            new Change(Action.CREATE, AssetKind.COLUMN, prefix + c.columnName(), List.of()));
        out.add(
            new ColumnPut(
                null,
                c.columnName(),
                c.verboseName(),
                c.description(),
                c.type(),
                c.isDttm(),
                c.groupby(),
                c.filterable(),
                null,
                uuid));
        changed = true;
        continue;
      }
      List<String> fields = new ArrayList<>();
      if (!same(c.verboseName(), r.verboseName())) {
        fields.add("verbose_name");
      }
      if (!same(c.description(), r.description())) {
        fields.add("description");
      }
      if (c.type() != null && !c.type().equalsIgnoreCase(nonNull(r.type()))) {
        fields.add("type");
      }
      if (c.isDttm() != null && !c.isDttm().equals(r.isDttm())) {
        fields.add("is_dttm");
      }
      if (c.groupby() != null && !c.groupby().equals(r.groupby())) {
        fields.add("groupby");
      }
      if (c.filterable() != null && !c.filterable().equals(r.filterable())) {
        fields.add("filterable");
      }
      if (!uuid.equals(r.uuid())) {
        fields.add("uuid");
      }
      changes.add(
          new Change(
              fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE,
              AssetKind.COLUMN,
              prefix + c.columnName(),
              fields));
      changed |= !fields.isEmpty();
      out.add(
          new ColumnPut(
              r.id(),
              c.columnName(),
              c.verboseName(),
              c.description(),
              c.type() != null ? c.type() : r.type(),
              c.isDttm() != null ? c.isDttm() : r.isDttm(),
              c.groupby() != null ? c.groupby() : r.groupby(),
              c.filterable() != null ? c.filterable() : r.filterable(),
              r.expression(),
              uuid));
    }
    for (SupersetColumn r : byName.values()) {
      boolean ours = SupersetKeys.columnUuid(spec.tableName(), r.columnName()).equals(r.uuid());
      if (prune && ours) {
        changes.add(
            new Change(Action.DELETE, AssetKind.COLUMN, prefix + r.columnName(), List.of()));
        changed = true;
      } else {
        out.add(ColumnPut.keep(r));
      }
    }
    return changed;
  }

  private static boolean reconcileMetrics(
      DatasetSpec spec,
      SupersetDataset remote,
      boolean prune,
      List<Change> changes,
      List<MetricPut> out) {
    String prefix = spec.qualifiedName() + ".";
    Map<String, SupersetMetric> byName = new LinkedHashMap<>();
    remote.metrics().forEach(m -> byName.put(m.metricName(), m));
    boolean changed = false;
    for (MetricSpec m : spec.metrics()) {
      UUID uuid = SupersetKeys.metricUuid(spec.tableName(), m.metricName());
      SupersetMetric r = byName.remove(m.metricName());
      if (r == null) {
        changes.add(
            new Change(Action.CREATE, AssetKind.METRIC, prefix + m.metricName(), List.of()));
        out.add(
            new MetricPut(
                null,
                m.metricName(),
                m.expression(),
                m.verboseName(),
                m.description(),
                m.d3format(),
                m.warningText(),
                extra(null, m.certification()),
                uuid));
        changed = true;
        continue;
      }
      List<String> fields = new ArrayList<>();
      if (!same(m.verboseName(), r.verboseName())) {
        fields.add("verbose_name");
      }
      if (!m.expression().equals(r.expression())) {
        fields.add("expression");
      }
      if (!same(m.description(), r.description())) {
        fields.add("description");
      }
      if (!same(m.d3format(), r.d3format())) {
        fields.add("d3format");
      }
      if (!same(m.warningText(), r.warningText())) {
        fields.add("warning_text");
      }
      boolean extraDiffers = !sameCertification(m.certification(), r.extra());
      if (extraDiffers) {
        fields.add("extra");
      }
      if (!uuid.equals(r.uuid())) {
        fields.add("uuid");
      }
      changes.add(
          new Change(
              fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE,
              AssetKind.METRIC,
              prefix + m.metricName(),
              fields));
      changed |= !fields.isEmpty();
      out.add(
          new MetricPut(
              r.id(),
              m.metricName(),
              m.expression(),
              m.verboseName(),
              m.description(),
              m.d3format(),
              m.warningText(),
              extraDiffers ? extra(r.extra(), m.certification()) : r.extra(),
              uuid));
    }
    for (SupersetMetric r : byName.values()) {
      boolean ours = SupersetKeys.metricUuid(spec.tableName(), r.metricName()).equals(r.uuid());
      if (prune && ours) {
        changes.add(
            new Change(Action.DELETE, AssetKind.METRIC, prefix + r.metricName(), List.of()));
        changed = true;
      } else {
        out.add(MetricPut.keep(r));
      }
    }
    return changed;
  }

  /** Text fields compare equal when both are empty ({@code null} or {@code ""}) or identical. */
  static boolean same(String desired, String actual) {
    return Objects.equals(nonNull(desired), nonNull(actual));
  }

  static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static boolean sameCertification(Certification desired, String remoteExtra) {
    JsonNode actual = parseObject(remoteExtra).get("certification");
    JsonNode wanted = certificationNode(desired);
    if (wanted == null) {
      return actual == null || actual.isNull();
    }
    return wanted.equals(actual);
  }

  /** The metric's extra with the certification set or removed; other keys kept. */
  static String extra(String remoteExtra, Certification certification) {
    ObjectNode extra = parseObject(remoteExtra);
    JsonNode cert = certificationNode(certification);
    if (cert == null) {
      extra.remove("certification");
    } else {
      extra.set("certification", cert);
    }
    if (extra.isEmpty() && (remoteExtra == null || remoteExtra.isBlank())) {
      return null;
    }
    try {
      return JSON.writeValueAsString(extra);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode certificationNode(Certification c) {
    if (c == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("certified_by", c.certifiedBy());
    if (c.details() != null) {
      node.put("details", c.details());
    }
    return node;
  }

  private static ObjectNode parseObject(String json) {
    if (json == null || json.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(json);
      return node instanceof ObjectNode o ? o : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}
