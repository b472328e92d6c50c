package org.initcall4j.agent.testing;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** One run of the JDK's compiler, with its diagnostics kept for assertions. */
public record Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> errors,
    String diagnostics) {

  public static Compilation run(List<String> options, List<Path> files) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager manager = compiler.getStandardFileManager(collector, null, null)) {
      Iterable<? extends JavaFileObject> units =
          manager.getJavaFileObjectsFromFiles(files.stream().map(Path::toFile).toList());
      boolean ok = compiler.getTask(output, manager, collector, options, null, units).call();
      StringBuilder text = new StringBuilder(output.toString());
      List<Diagnostic<? extends JavaFileObject>> errors = collector.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
      for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
        text.append(d.getKind()).append(' ')
            .append(d.getSource() == null ? "" : new File(d.getSource().getName()).getName())
            .append(':').append(d.getLineNumber()).append(": ")
            .append(d.getMessage(Locale.ROOT)).append('\n');
      }
      return new Compilation(ok, errors, text.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
