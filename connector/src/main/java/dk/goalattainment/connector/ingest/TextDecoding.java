package dk.goalattainment.connector.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a text file into characters the way Danish systems write them: UTF-8 when the
 * bytes are valid UTF-8, otherwise Windows-1252; an optional UTF-8 byte order mark is dropped.
 */
final class TextDecoding {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static final int BUFFER = 64 * 1024;

  private TextDecoding() {}

  /**
   * True if the rest of {@code in} is valid UTF-8. Decodes in fixed-size chunks with a decoder set
   * to {@link CodingErrorAction#REPORT}, so memory stays constant; stops at the first invalid byte.
   * An empty stream is valid.
   */
  static boolean isValidUtf8(InputStream in) throws IOException {
    CharsetDecoder decoder = strictUtf8();
    ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    CharBuffer chars = CharBuffer.allocate(BUFFER);
    while (true) {
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      boolean eof = n < 0;
      if (!eof) {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
      CoderResult result;
      do {
        chars.clear();
        result = decoder.decode(bytes, chars, eof);
        if (result.isError()) {
          return false;
        }
      } while (result.isOverflow());
      if (eof) {
        chars.clear();
        return !decoder.flush(chars).isError();
      }
      bytes.compact();
    }
  }

  /** {@code in} without a leading UTF-8 byte order mark. */
  static InputStream skipBom(InputStream in) throws IOException {
    PushbackInputStream pushback = new PushbackInputStream(in, 3);
    byte[] head = pushback.readNBytes(3);
    boolean bom =
        head.length == 3
            && (head[0] & 0xFF) == 0xEF
            && (head[1] & 0xFF) == 0xBB
            && (head[2] & 0xFF) == 0xBF;
    if (!bom) {
      pushback.unread(head);
    }
    return pushback;
  }

  /**
   * A reader of {@code in} in {@code charset}: UTF-8 strictly (an invalid byte is a {@link
   * java.nio.charset.MalformedInputException}), Windows-1252 with its five undefined bytes replaced
   * by U+FFFD.
   */
  static Reader reader(InputStream in, Charset charset) {
    CharsetDecoder decoder =
        charset.equals(StandardCharsets.UTF_8)
            ? strictUtf8()
            : charset
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new InputStreamReader(in, decoder);
  }

  static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  static CharsetDecoder lenientWindows1252() {
    return WINDOWS_1252
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
  }
}
