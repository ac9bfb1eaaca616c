package dk.goalattainment.connector.architecture;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Measures classes and methods from the sources with the JDK's own parser ({@code com.sun.source},
 * parse only: no types resolved, no annotation processing; about a second for the whole tree).
 *
 * <ul>
 *   <li>a class's size is the lines of its top-level declaration, first annotation to closing brace
 *       (Javadoc before it not counted);
 *   <li>a method's size is its <em>lines of logic</em>: the lines inside its body that hold code,
 *       not blank lines, comment lines or the braces that open and close the body.
 * </ul>
 */
final class SourceSizes {
  private SourceSizes() {}

  /** A measured declaration: {@code Class} or {@code Class.method}, in a file, with its size. */
  record Size(String file, String name, int lines) {
    /** The key exceptions are named by: {@code file#name}. */
    String key() {
      return file + "#" + name;
    }
  }

  /** What was measured: every top-level class and every method with a body. */
  record Measured(List<Size> classes, List<Size> methods) {}

  /** The {@code .java} files under the folders (those that exist), sorted. */
  static List<Path> javaFiles(List<Path> roots) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Measures source files; {@code label} names each file in the results (a relative path). */
  static Measured measure(List<Path> files, java.util.function.Function<Path, String> label) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> sources = fm.getJavaFileObjectsFromPaths(files);
      return measure(javac, fm, sources, o -> label.apply(Path.of(o.toUri())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Measures in-memory or file sources. */
  static Measured measure(
      JavaCompiler javac,
      StandardJavaFileManager fm,
      Iterable<? extends JavaFileObject> sources,
      java.util.function.Function<JavaFileObject, String> label) {
    JavacTask task =
        (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, sources);
    SourcePositions positions = Trees.instance(task).getSourcePositions();
    List<Size> classes = new ArrayList<>();
    List<Size> methods = new ArrayList<>();
    try {
      for (CompilationUnitTree unit : task.parse()) {
        String file = label.apply(unit.getSourceFile());
        String[] text = unit.getSourceFile().getCharContent(true).toString().split("\n", -1);
        LineMap lines = unit.getLineMap();
        new TreePathScanner<Void, String>() {
          @Override
          public Void visitClass(ClassTree c, String outer) {
            String name =
                outer == null ? c.getSimpleName().toString() : outer + "." + c.getSimpleName();
            if (outer == null) {
              long first = lines.getLineNumber(positions.getStartPosition(unit, c));
              long last = lines.getLineNumber(positions.getEndPosition(unit, c));
              classes.add(new Size(file, name, (int) (last - first + 1)));
            }
            return super.visitClass(c, name);
          }

          @Override
          public Void visitMethod(MethodTree m, String owner) {
            if (m.getBody() != null) {
              int first = (int) lines.getLineNumber(positions.getStartPosition(unit, m.getBody()));
              int last = (int) lines.getLineNumber(positions.getEndPosition(unit, m.getBody()));
              methods.add(
                  new Size(file, owner + "." + m.getName(), logicLines(text, first + 1, last - 1)));
            }
            return super.visitMethod(m, owner);
          }
        }.scan(unit, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Measured(classes, methods);
  }

  /** The lines from {@code first} to {@code last} (1-based, inclusive) that hold code. */
  static int logicLines(String[] text, int first, int last) {
    int count = 0;
    boolean inComment = false;
    for (int i = first; i <= last && i <= text.length; i++) {
      String line = text[i - 1].strip();
      if (inComment) {
        int close = line.indexOf("*/");
        if (close < 0) {
          continue;
        }
        inComment = false;
        line = line.substring(close + 2).strip();
      }
      if (line.startsWith("/*")) {
        int close = line.indexOf("*/");
        if (close < 0) {
          inComment = true;
          continue;
        }
        line = line.substring(close + 2).strip();
      }
      if (line.isEmpty() || line.startsWith("//")) {
        continue;
      }
      count++;
    }
    return count;
  }
}
