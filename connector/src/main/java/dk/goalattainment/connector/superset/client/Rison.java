package dk.goalattainment.connector.superset.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Encodes values as <a href="https://github.com/Nanonid/rison">rison</a>, the compact JSON that
 * Superset (Flask-AppBuilder, decoding with {@code prison}) expects in the {@code q=} query
 * parameter: objects {@code (a:1,b:'x y')}, lists {@code !(1,2)}, {@code !t}, {@code !f}, {@code
 * !n}. Strings are bare when they are safe identifiers and otherwise quoted with {@code '}, where
 * {@code '} and {@code !} are escaped with {@code !}.
 *
 * <p>Supported values: {@link Map} with string keys (order kept), {@link List}, {@link
 * CharSequence}, {@link Boolean}, integral {@link Number}s, {@link BigDecimal} and {@code null}.
 */
public final class Rison {
  /**
   * Bare identifiers: the stricter of rison.js and Python's {@code prison} (ASCII letters, digits
   * and {@code _-./~}; not starting with a digit or {@code -}).
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z_./~][A-Za-z0-9_./~-]*");

  private Rison() {}

  /** The rison text of {@code value}. */
  public static String encode(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("!n");
    } else if (value instanceof Boolean b) {
      out.append(b ? "!t" : "!f");
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof BigDecimal d) {
      out.append(d.toPlainString());
    } else if (value instanceof CharSequence s) {
      string(s.toString(), out);
    } else if (value instanceof Map<?, ?> map) {
      out.append('(');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException("rison object keys must be strings");
        }
        string(key, out);
        out.append(':');
        write(entry.getValue(), out);
        if (entries.hasNext()) {
          out.append(',');
        }
      }
      out.append(')');
    } else if (value instanceof List<?> list) {
      out.append("!(");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(')');
    } else {
      throw new IllegalArgumentException(
          "rison cannot encode a " + value.getClass().getSimpleName());
    }
  }

  private static void string(String s, StringBuilder out) {
    if (ID.matcher(s).matches()) {
      out.append(s);
      return;
    }
    out.append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '!') {
        out.append('!');
      }
      out.append(c);
    }
    out.append('\'');
  }
}
