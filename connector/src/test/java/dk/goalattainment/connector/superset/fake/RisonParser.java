package dk.goalattainment.connector.superset.fake;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict rison decoder, as Superset's {@code prison} reads {@code q=}: bare identifiers only of
 * ASCII letters, digits and {@code _-./~} (or non-ASCII), not starting with a digit or {@code -}.
 * Throws {@link IllegalArgumentException} on anything else, so the fake answers 400 like Superset.
 */
public final class RisonParser {
  private final String s;
  private int i;

  private RisonParser(String s) {
    this.s = s;
  }

  /** Decodes {@code text}: maps, lists, strings, numbers ({@link BigDecimal}), booleans, null. */
  public static Object parse(String text) {
    RisonParser p = new RisonParser(text);
    Object v = p.value();
    if (p.i != text.length()) {
      throw new IllegalArgumentException("trailing characters at " + p.i + " in " + text);
    }
    return v;
  }

  private Object value() {
    if (i >= s.length()) {
      throw new IllegalArgumentException("unexpected end of rison");
    }
    char c = s.charAt(i);
    if (c == '(') {
      i++;
      Map<String, Object> map = new LinkedHashMap<>();
      if (peek() == ')') {
        i++;
        return map;
      }
      while (true) {
        Object key = value();
        if (!(key instanceof String k)) {
          throw new IllegalArgumentException("object key is not a string at " + i);
        }
        expect(':');
        map.put(k, value());
        char n = next();
        if (n == ')') {
          return map;
        }
        if (n != ',') {
          throw new IllegalArgumentException("expected , or ) at " + (i - 1) + " in " + s);
        }
      }
    }
    if (c == '!') {
      i++;
      char n = next();
      switch (n) {
        case 't':
          return Boolean.TRUE;
        case 'f':
          return Boolean.FALSE;
        case 'n':
          return null;
        case '(':
          List<Object> list = new ArrayList<>();
          if (peek() == ')') {
            i++;
            return list;
          }
          while (true) {
            list.add(value());
            char m = next();
            if (m == ')') {
              return list;
            }
            if (m != ',') {
              throw new IllegalArgumentException("expected , or ) in list at " + (i - 1));
            }
          }
        default:
          throw new IllegalArgumentException("unknown rison escape !" + n);
      }
    }
    if (c == '\'') {
      i++;
      StringBuilder out = new StringBuilder();
      while (true) {
        char n = next();
        if (n == '\'') {
          return out.toString();
        }
        if (n == '!') {
          char e = next();
          if (e != '!' && e != '\'') {
            throw new IllegalArgumentException("invalid string escape !" + e);
          }
          out.append(e);
        } else {
          out.append(n);
        }
      }
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = i;
      i++;
      while (i < s.length() && "0123456789.eE-".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      return new BigDecimal(s.substring(start, i));
    }
    int start = i;
    while (i < s.length() && idChar(s.charAt(i))) {
      i++;
    }
    if (start == i) {
      throw new IllegalArgumentException("invalid character '" + c + "' at " + i + " in " + s);
    }
    return s.substring(start, i);
  }

  private static boolean idChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_-./~".indexOf(c) >= 0
        || c >= 127;
  }

  private char peek() {
    if (i >= s.length()) {
      throw new IllegalArgumentException("unexpected end of rison");
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected " + c + " at " + (i - 1) + " in " + s);
    }
  }
}
