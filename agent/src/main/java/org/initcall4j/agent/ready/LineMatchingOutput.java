package org.initcall4j.agent.ready;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Passes everything written to stdout or stderr on unchanged, and until the application is
 * ready also looks at each complete line for the pattern of {@code ready=log:REGEX}. Once ready
 * is seen (by this stream, the other one or the API) it only passes bytes on.
 */
final class LineMatchingOutput extends OutputStream {
  /** Lines longer than this are matched on their start: a log line that matters is short. */
  private static final int MAX_LINE = 8192;

  private final PrintStream target;
  private final Pattern pattern;
  private final Charset charset;
  private final ReadyMoment moment;
  private final String by;
  private byte[] line = new byte[256]; // guarded by the PrintStream that writes here
  private int length;

  LineMatchingOutput(PrintStream target, Pattern pattern, Charset charset, ReadyMoment moment) {
    this.target = target;
    this.pattern = pattern;
    this.charset = charset;
    this.moment = moment;
    this.by = "log:" + pattern.pattern();
  }

  @Override
  public void write(int b) {
    target.write(b);
    if (!moment.seen()) {
      look((byte) b);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int count) {
    target.write(bytes, offset, count);
    for (int i = offset; i < offset + count && !moment.seen(); i++) {
      look(bytes[i]);
    }
  }

  @Override
  public void flush() {
    target.flush();
  }

  private void look(byte b) {
    if (b == '\n') {
      int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
      length = 0;
      if (pattern.matcher(new String(line, 0, end, charset)).find()) {
        moment.mark(by);
      }
      return;
    }
    if (length == line.length && length < MAX_LINE) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, length * 2));
    }
    if (length < line.length) {
      line[length++] = b;
    }
  }
}
