package dk.goalattainment.connector.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.Objects;

/**
 * Decodes a stream that can be read only once as UTF-8 if it is valid UTF-8, else as Windows-1252,
 * in a single pass.
 *
 * <p>It decodes UTF-8 strictly. At the first invalid byte, if every character so far was ASCII, it
 * goes on in Windows-1252 from that byte: ASCII bytes mean the same in both, so the text is exactly
 * what decoding the whole stream as Windows-1252 would have given. If non-ASCII UTF-8 characters
 * came before the invalid byte, the stream mixes encodings; the characters already handed out
 * cannot be taken back, so it throws {@link MixedEncodingException} rather than guess.
 */
final class Utf8OrWindows1252Reader extends Reader {
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
  private final CharBuffer chars = CharBuffer.allocate(BUFFER);
  private CharsetDecoder decoder = TextDecoding.strictUtf8();
  private boolean utf8 = true;
  private boolean sawNonAscii;
  private boolean eof;
  private boolean done;

  /** Thrown when valid non-ASCII UTF-8 is followed by bytes that are not UTF-8. */
  static final class MixedEncodingException extends CharacterCodingException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      return "the input mixes UTF-8 with another encoding";
    }
  }

  Utf8OrWindows1252Reader(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
    bytes.flip(); // empty, in read mode
    chars.flip();
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (done) {
        return -1;
      }
      fill();
    }
    int n = Math.min(length, chars.remaining());
    chars.get(buffer, offset, n);
    return n;
  }

  /** Decodes more characters into {@link #chars}, or sets {@link #done}. */
  private void fill() throws IOException {
    chars.clear();
    while (true) {
      if (needsMoreBytes()) {
        readBytes();
      }
      int start = chars.position();
      CoderResult result = decoder.decode(bytes, chars, eof);
      if (utf8 && !sawNonAscii) {
        for (int i = start; i < chars.position(); i++) {
          if (chars.get(i) > 0x7F) {
            sawNonAscii = true;
            break;
          }
        }
      }
      if (result.isError()) {
        if (!utf8 || sawNonAscii) {
          throw new MixedEncodingException();
        }
        utf8 = false; // all ASCII so far: the same text in Windows-1252
        decoder = TextDecoding.lenientWindows1252();
        continue;
      }
      if (result.isOverflow() || chars.position() > 0 && !eof) {
        break;
      }
      if (eof) {
        // All input consumed. Neither decoder keeps state to flush, so this cannot overflow.
        decoder.flush(chars);
        done = true;
        break;
      }
    }
    chars.flip();
  }

  /**
   * True unless the input has ended or enough bytes are buffered for the longest UTF-8 sequence
   * (fewer may be a partial sequence the decoder leaves until more arrive).
   */
  private boolean needsMoreBytes() {
    return !eof && bytes.remaining() < 4;
  }

  private void readBytes() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
