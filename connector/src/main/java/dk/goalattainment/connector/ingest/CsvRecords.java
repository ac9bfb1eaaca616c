package dk.goalattainment.connector.ingest;

import dk.goalattainment.connector.core.error.ConnectorException;
import dk.goalattainment.connector.core.error.ErrorCode;
import dk.goalattainment.connector.core.error.FieldError;
import dk.goalattainment.connector.core.ingest.RawFollowUp;
import dk.goalattainment.connector.core.ingest.RawGoal;
import dk.goalattainment.connector.core.ingest.RawOrgUnit;
import dk.goalattainment.connector.core.ingest.RecordSource;
import dk.goalattainment.connector.core.ingest.Row;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads org units, goals and follow-ups from CSV as Danish systems export it, streaming: memory
 * does not grow with the size of the input.
 *
 * <h2>Format</h2>
 *
 * <ul>
 *   <li>A header row names the columns; names are matched to the snake_case field names ignoring
 *       case and surrounding blanks. Unknown columns are ignored. A column of a required field
 *       missing from the header is an error at row 0 (and then the unknown columns are listed too,
 *       as they may be misspellings). Optional columns (org units: {@code parent_id}, {@code role},
 *       {@code valid_to}; goals: {@code goal_type}, {@code provider_unit_id}) may be left out:
 *       their fields are then {@code null}.
 *   <li>The delimiter is whichever of {@code ,} {@code ;} and tab occurs most often outside quotes
 *       in the header line ({@code ,} on a tie).
 *   <li>Fields may be quoted with {@code "}, a quote inside doubled; quoted fields may hold
 *       delimiters and line breaks. Lines end in CRLF or LF. Blank lines, and lines whose fields
 *       are all blank, are skipped.
 *   <li>Row numbers count data records from 1, not physical lines (a quoted field can span lines);
 *       the header and skipped blank lines are not counted.
 *   <li>A record with more or fewer fields than the header is not handed on; it is listed as an
 *       error (field {@code *}). Reading goes on, so the well-formed records still reach the sink
 *       (and the caller's validator); at the end the source throws a {@link ConnectorException}
 *       ({@link ErrorCode#VALIDATION_FAILED}) listing every such record. Broken quoting ends
 *       reading at once with the same kind of exception.
 * </ul>
 *
 * <h2>Encoding</h2>
 *
 * <p>An optional UTF-8 byte order mark is dropped. The text is UTF-8 if the bytes are valid UTF-8,
 * else Windows-1252 (whose five undefined bytes become U+FFFD). Validity is decided with a {@link
 * java.nio.charset.CharsetDecoder} set to {@link java.nio.charset.CodingErrorAction#REPORT}:
 *
 * <ul>
 *   <li>For a file or a byte array, a first streaming pass decodes the input in 64 KiB chunks
 *       purely to check it, stopping at the first invalid byte; the second pass parses. The choice
 *       is therefore exact, and a valid UTF-8 file costs one extra sequential read.
 *   <li>A stream can be read only once, so it is decoded in one pass as UTF-8 until the first
 *       invalid byte. If everything before that byte was ASCII, decoding goes on in Windows-1252;
 *       as ASCII reads the same in both, the text is exactly the Windows-1252 reading of the whole
 *       stream. If non-ASCII UTF-8 came first, the input mixes encodings and the rows already
 *       handed on cannot be decoded again, so the source throws {@link ConnectorException} ({@link
 *       ErrorCode#VALIDATION_FAILED}) instead.
 * </ul>
 *
 * <p>No message or error ever repeats a field value: any field could hold a CPR number. An input
 * that cannot be read for other reasons fails with {@link ErrorCode#NOT_FOUND} (no such file) or
 * {@link ErrorCode#INTERNAL}.
 */
public final class CsvRecords {
  private static final int BUFFER = 64 * 1024;

  /** Characters of the input looked at to find the delimiter. */
  private static final int SNIFF_LIMIT = 64 * 1024;

  /** Unknown header names shown as they are; others are shown by position only. */
  private static final Pattern SHOWABLE_NAME = Pattern.compile("[\\p{L}_\\- ]{1,64}");

  private CsvRecords() {}

  /** Org units from a CSV file, re-read on each {@link RecordSource#forEach}. */
  public static RecordSource<RawOrgUnit> orgUnits(Path file) {
    return fromFile(RecordShape.ORG_UNITS, file);
  }

  /** Org units from CSV bytes (a request body). */
  public static RecordSource<RawOrgUnit> orgUnits(byte[] body) {
    return fromBytes(RecordShape.ORG_UNITS, body);
  }

  /** Org units from a CSV stream, read once and closed. */
  public static RecordSource<RawOrgUnit> orgUnits(InputStream body) {
    return fromStream(RecordShape.ORG_UNITS, body);
  }

  /** Goals from a CSV file, re-read on each {@link RecordSource#forEach}. */
  public static RecordSource<RawGoal> goals(Path file) {
    return fromFile(RecordShape.GOALS, file);
  }

  /** Goals from CSV bytes (a request body). */
  public static RecordSource<RawGoal> goals(byte[] body) {
    return fromBytes(RecordShape.GOALS, body);
  }

  /** Goals from a CSV stream, read once and closed. */
  public static RecordSource<RawGoal> goals(InputStream body) {
    return fromStream(RecordShape.GOALS, body);
  }

  /** Follow-ups from a CSV file, re-read on each {@link RecordSource#forEach}. */
  public static RecordSource<RawFollowUp> followUps(Path file) {
    return fromFile(RecordShape.FOLLOWUPS, file);
  }

  /** Follow-ups from CSV bytes (a request body). */
  public static RecordSource<RawFollowUp> followUps(byte[] body) {
    return fromBytes(RecordShape.FOLLOWUPS, body);
  }

  /** Follow-ups from a CSV stream, read once and closed. */
  public static RecordSource<RawFollowUp> followUps(InputStream body) {
    return fromStream(RecordShape.FOLLOWUPS, body);
  }

  private static <T> RecordSource<T> fromFile(RecordShape<T> shape, Path file) {
    Objects.requireNonNull(file, "file");
    String what = "file " + file;
    return sink -> {
      try {
        Charset charset;
        try (InputStream in = Files.newInputStream(file)) {
          charset =
              TextDecoding.isValidUtf8(in) ? StandardCharsets.UTF_8 : TextDecoding.WINDOWS_1252;
        }
        try (InputStream in = TextDecoding.skipBom(Files.newInputStream(file));
            Reader reader = TextDecoding.reader(in, charset)) {
          new Parse<>(shape, sink).run(reader);
        }
      } catch (NoSuchFileException e) {
        throw new ConnectorException(
            ErrorCode.NOT_FOUND, shape.label() + ": no such file: " + file, e);
      } catch (IOException e) {
        throw unreadable(shape, what, e);
      }
    };
  }

  private static <T> RecordSource<T> fromBytes(RecordShape<T> shape, byte[] body) {
    Objects.requireNonNull(body, "body");
    return sink -> {
      try {
        Charset charset =
            TextDecoding.isValidUtf8(new ByteArrayInputStream(body))
                ? StandardCharsets.UTF_8
                : TextDecoding.WINDOWS_1252;
        try (Reader reader =
            TextDecoding.reader(TextDecoding.skipBom(new ByteArrayInputStream(body)), charset)) {
          new Parse<>(shape, sink).run(reader);
        }
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
          Reader reader = new Utf8OrWindows1252Reader(TextDecoding.skipBom(in))) {
        new Parse<>(shape, sink).run(reader);
      } catch (IOException e) {
        throw unreadable(shape, "the request body", e);
      }
    };
  }

  private static ConnectorException unreadable(RecordShape<?> shape, String what, IOException e) {
    return new ConnectorException(
        ErrorCode.INTERNAL, shape.label() + ": could not read " + what, e);
  }

  /** One pass over one input. */
  private static final class Parse<T> {
    private final RecordShape<T> shape;
    private final Consumer<Row<T>> sink;
    private final StructuralErrors errors;

    /** Data records seen so far (well-formed or not). */
    private long row;

    /** For each field, its column in the input, or -1; null until the header is read. */
    private int[] columns;

    private int width;

    Parse(RecordShape<T> shape, Consumer<Row<T>> sink) {
      this.shape = shape;
      this.sink = sink;
      this.errors = new StructuralErrors(shape.label());
    }

    void run(Reader input) throws IOException {
      BufferedReader reader = new BufferedReader(input, BUFFER);
      CSVFormat format;
      try {
        format =
            CSVFormat.DEFAULT
                .builder()
                .setDelimiter(sniffDelimiter(reader))
                .setIgnoreEmptyLines(true)
                .get();
      } catch (IOException e) {
        throw broken(e);
      }
      try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
          CSVRecord record;
          try {
            if (!records.hasNext()) {
              break;
            }
            record = records.next();
          } catch (UncheckedIOException e) {
            throw broken(e.getCause());
          }
          accept(record);
        }
      }
      if (columns == null) {
        throw new ConnectorException(
            ErrorCode.VALIDATION_FAILED,
            shape.label() + ": the input is empty; a header row is required",
            List.of(new FieldError(shape.label(), 0, "*", "the header row is missing")));
      }
      errors.throwIfAny();
    }

    private void accept(CSVRecord record) {
      if (isBlank(record)) {
        return;
      }
      if (columns == null) {
        readHeader(record);
        return;
      }
      row++;
      if (record.size() != width) {
        errors.add(row, "*", "has " + record.size() + " fields, the header has " + width);
        return;
      }
      String[] values = new String[columns.length];
      for (int f = 0; f < columns.length; f++) {
        values[f] = columns[f] < 0 ? null : record.get(columns[f]);
      }
      sink.accept(new Row<>(row, shape.build().apply(values)));
    }

    private void readHeader(CSVRecord header) {
      List<String> fields = shape.fields();
      int[] found = new int[fields.size()];
      Arrays.fill(found, -1);
      StructuralErrors problems = new StructuralErrors(shape.label());
      List<Integer> unknown = new ArrayList<>();
      for (int c = 0; c < header.size(); c++) {
        String name = normalize(header.get(c));
        int f = shape.indexOf(name);
        if (f < 0) {
          if (!name.isEmpty()) {
            unknown.add(c);
          }
        } else if (found[f] >= 0) {
          problems.add(0, name, "column appears more than once in the header");
        } else {
          found[f] = c;
        }
      }
      boolean missingRequired = false;
      for (int f = 0; f < fields.size(); f++) {
        if (found[f] < 0 && shape.isRequired(fields.get(f))) {
          missingRequired = true;
          problems.add(0, fields.get(f), "column is missing from the header");
        }
      }
      if (missingRequired) {
        for (int c : unknown) {
          problems.add(0, displayName(header.get(c), c), "is not a known column");
        }
      }
      if (!problems.isEmpty()) {
        throw problems.failure(
            shape.label()
                + ": the CSV header does not match the expected columns "
                + String.join(", ", fields));
      }
      columns = found;
      width = header.size();
    }

    /**
     * The exception for an input that cannot be read on: broken quoting or mixed encodings end
     * reading with every error so far; any other I/O failure is passed on as it is.
     */
    private ConnectorException broken(IOException e) throws IOException {
      long at = columns == null ? 0 : row + 1;
      if (e instanceof CSVException) {
        // Its message quotes positions only, but is not passed on all the same.
        return errors.fatal(
            at,
            "*",
            "is not well-formed CSV: a quoted field is not closed, or its closing quote is"
                + " followed by other characters");
      }
      if (e instanceof CharacterCodingException) {
        return errors.fatal(
            at, "*", "is neither valid UTF-8 nor Windows-1252 throughout (mixed encodings)");
      }
      throw e;
    }
  }

  /**
   * The delimiter of the header line: the most frequent of {@code ,} {@code ;} and tab outside
   * quotes ({@code ,} on a tie, {@code ;} before tab). Leading blank lines are passed over. Reads
   * ahead at most {@link #SNIFF_LIMIT} characters and resets {@code reader}.
   */
  static char sniffDelimiter(BufferedReader reader) throws IOException {
    reader.mark(SNIFF_LIMIT);
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    boolean quoted = false;
    boolean content = false;
    try {
      for (int i = 0; i < SNIFF_LIMIT - 1; i++) {
        int c = reader.read();
        if (c < 0) {
          break;
        }
        if (c == '"') {
          quoted = !quoted;
          content = true;
        } else if (quoted) {
          continue;
        } else if (c == '\n' || c == '\r') {
          if (content) {
            break;
          }
          comma = semicolon = tab = 0; // a blank line before the header
        } else if (c == ',') {
          comma++;
        } else if (c == ';') {
          semicolon++;
        } else if (c == '\t') {
          tab++;
        } else if (!isBlank((char) c)) {
          content = true;
        }
      }
    } finally {
      reader.reset();
    }
    if (semicolon > comma && semicolon >= tab) {
      return ';';
    }
    if (tab > comma && tab > semicolon) {
      return '\t';
    }
    return ',';
  }

  private static boolean isBlank(CSVRecord record) {
    for (int i = 0; i < record.size(); i++) {
      String value = record.get(i);
      for (int c = 0; c < value.length(); c++) {
        if (!isBlank(value.charAt(c))) {
          return false;
        }
      }
    }
    return true;
  }

  /** A header name as matched: without surrounding blanks (also no-break spaces), lower case. */
  private static String normalize(String name) {
    return strip(name).toLowerCase(Locale.ROOT);
  }

  private static String strip(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && isBlank(name.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  /**
   * How an unknown column is named in an error: by its header name if that is plainly a name
   * (letters, {@code _}, {@code -}, spaces); else by position, since a file without a header has
   * data, perhaps a CPR number, in its first row.
   */
  private static String displayName(String name, int column) {
    String trimmed = strip(name);
    return SHOWABLE_NAME.matcher(trimmed).matches() ? trimmed : "column " + (column + 1);
  }
}
