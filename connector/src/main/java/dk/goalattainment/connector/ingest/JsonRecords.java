package dk.goalattainment.connector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.ingest.Row;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads org units, goals and follow-ups from JSON, streaming with a Jackson {@link JsonParser}:
 * memory does not grow with the number of records.
 *
 * <p>The input is one JSON array of objects keyed by the snake_case field names (encoded as JSON
 * requires: UTF-8, or UTF-16/32 as Jackson detects them; a UTF-8 byte order mark is allowed). Array
 * element <i>i</i> (from 0) is row <i>i</i> + 1. A value may be a string, a number or {@code null}:
 * a number becomes its text as written ({@code 5} → {@code "5"}, {@code 5.5} → {@code "5.5"}, which
 * the validator then rejects as a score). A missing key gives {@code null}; unknown keys are
 * ignored, whatever their values.
 *
 * <p>An element that is not an object, a known key given twice, or a known key whose value is an
 * object, an array or a boolean keeps that element from being handed on; it is listed as an error,
 * reading goes on, and at the end the source throws a {@link ConnectorException} ({@link
 * ErrorCode#VALIDATION_FAILED}) listing them all. Input that is not an array, or not well-formed
 * JSON, ends reading at once with the same kind of exception (row 0 when not inside the array).
 * Jackson's own messages quote the input, so they are never passed on: no message or error ever
 * repeats a value.
 */
public final class JsonRecords {
  /** The longest string value read: far above any field's rule, far below a memory problem. */
  public static final int MAX_STRING_LENGTH = 1_000_000;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
          .build();

  private JsonRecords() {}

  /** Org units from a JSON file, re-read on each {@link RecordSource#forEach}. */
  public static RecordSource<RawOrgUnit> orgUnits(Path file) {
    return fromFile(RecordShape.ORG_UNITS, file);
  }

  /** Org units from JSON bytes (a request body). */
  public static RecordSource<RawOrgUnit> orgUnits(byte[] body) {
    return fromBytes(RecordShape.ORG_UNITS, body);
  }

  /** Org units from a JSON stream, read once and closed. */
  public static RecordSource<RawOrgUnit> orgUnits(InputStream body) {
    return fromStream(RecordShape.ORG_UNITS, body);
  }

  /** Goals from a JSON file, re-read on each {@link RecordSource#forEach}. */
  public static RecordSource<RawGoal> goals(Path file) {
    return fromFile(RecordShape.GOALS, file);
  }

  /** Goals from JSON bytes (a request body). */
  public static RecordSource<RawGoal> goals(byte[] body) {
    return fromBytes(RecordShape.GOALS, body);
  }

  /** Goals from a JSON stream, read once and closed. */
  public static RecordSource<RawGoal> goals(InputStream body) {
    return fromStream(RecordShape.GOALS, body);
  }

  /** Follow-ups from a JSON file, re-read on each {@link RecordSource#forEach}. */
  public static RecordSource<RawFollowUp> followUps(Path file) {
    return fromFile(RecordShape.FOLLOWUPS, file);
  }

  /** Follow-ups from JSON bytes (a request body). */
  public static RecordSource<RawFollowUp> followUps(byte[] body) {
    return fromBytes(RecordShape.FOLLOWUPS, body);
  }

  /** Follow-ups from a JSON stream, read once and closed. */
  public static RecordSource<RawFollowUp> followUps(InputStream body) {
    return fromStream(RecordShape.FOLLOWUPS, body);
  }

  private static <T> RecordSource<T> fromFile(RecordShape<T> shape, Path file) {
    Objects.requireNonNull(file, "file");
    return sink -> {
      try (InputStream in = Files.newInputStream(file);
          JsonParser parser = JSON.createParser(in)) {
        parse(shape, parser, sink);
      } catch (NoSuchFileException e) {
        throw new ConnectorException(
            ErrorCode.NOT_FOUND, shape.label() + ": no such file: " + file, e);
      } catch (IOException e) {
        throw unreadable(shape, "file " + file, e);
      }
    };
  }

  private static <T> RecordSource<T> fromBytes(RecordShape<T> shape, byte[] body) {
    Objects.requireNonNull(body, "body");
    return sink -> {
      try (JsonParser parser = JSON.createParser(body)) {
        parse(shape, parser, sink);
      } catch (IOException e) {
        throw unreadable(shape, "the request body", e);
      }
    };
  }

  private static <T> RecordSource<T> fromStream(RecordShape<T> shape, InputStream body) {
    Objects.requireNonNull(body, "body");
    AtomicBoolean read = new AtomicBoolean();
    return sink -> {
      if (read.getAndSet(true)) {
        throw new IllegalStateException("a stream can be read only once");
      }
      try (InputStream in = body;
          JsonParser parser = JSON.createParser(in)) {
        parse(shape, parser, sink);
      } catch (IOException e) {
        throw unreadable(shape, "the request body", e);
      }
    };
  }

  private static ConnectorException unreadable(RecordShape<?> shape, String what, IOException e) {
    return new ConnectorException(
        ErrorCode.INTERNAL, shape.label() + ": could not read " + what, e);
  }

  private static <T> void parse(RecordShape<T> shape, JsonParser parser, Consumer<Row<T>> sink)
      throws IOException {
    StructuralErrors errors = new StructuralErrors(shape.label());
    long row = 0;
    long at = 0; // the row an error in the JSON syntax is reported at
    try {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw errors.fatal(0, "*", "the input must be a JSON array of objects");
      }
      while (true) {
        at = row + 1;
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          break;
        }
        if (token == null) {
          throw errors.fatal(at, "*", "is not well-formed JSON"); // Jackson reports this itself
        }
        row++;
        if (token != JsonToken.START_OBJECT) {
          errors.add(row, "*", "must be a JSON object");
          parser.skipChildren();
          continue;
        }
        T record = readObject(shape, parser, row, errors);
        if (record != null) {
          sink.accept(new Row<>(row, record));
        }
      }
      at = 0;
      if (parser.nextToken() != null) {
        throw errors.fatal(0, "*", "the input must hold nothing after the array");
      }
    } catch (StreamConstraintsException e) {
      throw errors.fatal(
          at,
          "*",
          "exceeds a limit of the JSON reader (a string over "
              + String.format(java.util.Locale.ROOT, "%,d", MAX_STRING_LENGTH)
              + " characters, a number over 1,000 digits, or nesting over 1,000 levels deep)");
    } catch (JsonProcessingException | CharConversionException e) {
      // Jackson's message quotes the input: never pass it on, nor the exception.
      throw errors.fatal(at, "*", "is not well-formed JSON");
    }
    errors.throwIfAny();
  }

  /** Reads the rest of an object; null, with its errors added, if it is not a record. */
  private static <T> T readObject(
      RecordShape<T> shape, JsonParser parser, long row, StructuralErrors errors)
      throws IOException {
    int size = shape.fields().size();
    String[] values = new String[size];
    boolean[] seen = new boolean[size];
    boolean ok = true;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      int f = shape.indexOf(name);
      if (f < 0) {
        parser.skipChildren();
        continue;
      }
      if (seen[f]) {
        errors.add(row, name, "is given more than once");
        ok = false;
        parser.skipChildren();
        continue;
      }
      seen[f] = true;
      switch (value) {
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          try {
            values[f] = parser.getText();
          } catch (StreamConstraintsException e) {
            throw errors.fatal(
                row,
                name,
                "is longer than the "
                    + String.format(java.util.Locale.ROOT, "%,d", MAX_STRING_LENGTH)
                    + " characters a value may have");
          }
        }
        case VALUE_NULL -> values[f] = null;
        default -> {
          errors.add(row, name, "must be a string, a number or null");
          ok = false;
          parser.skipChildren();
        }
      }
    }
    return ok ? shape.build().apply(values) : null;
  }
}
