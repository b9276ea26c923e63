package tunesmith.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;
import tunesmith.parallel.ProgressListener;

/**
 * One line on stderr, redrawn in place, for long loops over runs: runs done of the total, the rate
 * and the time left. Cleared at the end, so the report that follows starts on a clean line. Plain
 * text and a carriage return: no colour, no terminal codes.
 */
final class ProgressBar implements ProgressListener {
  /** Fewer runs than this finish before a bar would be worth reading. */
  static final int MIN_RUNS = 200;

  /**
   * Set to 1 by the ./tunesmith launcher when its stderr is a terminal ({@code [ -t 2 ]}): Java 17
   * cannot tell that of stderr by itself (System.console() looks at stdin and stdout).
   */
  static final String STDERR_IS_TERMINAL = "TUNESMITH_STDERR_TTY";

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 20;

  private final PrintStream err;
  private final LongSupplier nanoClock;
  private final String verb;
  private final String unit;
  private int total;
  private int done;
  private long startNanos;
  private long drawnAtNanos;
  private int drawnWidth;

  ProgressBar(PrintStream err, LongSupplier nanoClock, String verb) {
    this(err, nanoClock, verb, "runs");
  }

  /**
   * @param unit what is counted ("runs", "cells")
   */
  ProgressBar(PrintStream err, LongSupplier nanoClock, String verb, String unit) {
    this.err = err;
    this.nanoClock = nanoClock;
    this.verb = verb;
    this.unit = unit;
  }

  /**
   * A bar for more than {@link #MIN_RUNS} runs on a terminal, unless --json or -q; otherwise none.
   */
  static ProgressListener choose(CliContext context, OutputOptions output, int runs, String verb) {
    return choose(context, output, runs, verb, "runs");
  }

  /** As above, counting {@code count} things called {@code unit} (the evaluation cells). */
  static ProgressListener choose(
      CliContext context, OutputOptions output, int count, String verb, String unit) {
    return shows(context.environment(), output.json, output.quiet, count)
        ? new ProgressBar(context.err(), System::nanoTime, verb, unit)
        : ProgressListener.NONE;
  }

  static boolean shows(Map<String, String> environment, boolean json, boolean quiet, int runs) {
    return runs > MIN_RUNS && !json && !quiet && "1".equals(environment.get(STDERR_IS_TERMINAL));
  }

  @Override
  public synchronized void started(int total) {
    this.total = total;
    this.done = 0;
    this.startNanos = nanoClock.getAsLong();
    draw(startNanos);
  }

  @Override
  public synchronized void runDone() {
    done++;
    long now = nanoClock.getAsLong();
    if (done == total || now - drawnAtNanos >= REDRAW_NANOS) {
      draw(now);
    }
  }

  @Override
  public synchronized void finished() {
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
  }

  /** The line as it reads after {@code done} runs at {@code now}. */
  synchronized String line(long now) {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) done * BAR_WIDTH / total);
    StringBuilder line =
        new StringBuilder(verb)
            .append(" [")
            .append("#".repeat(filled))
            .append(".".repeat(BAR_WIDTH - filled))
            .append("] ")
            .append(done)
            .append('/')
            .append(total)
            .append(' ')
            .append(unit);
    double seconds = (now - startNanos) / 1e9;
    if (done > 0 && seconds > 0) {
      double rate = done / seconds;
      line.append(", ")
          .append(Math.round(rate))
          .append(' ')
          .append(unit)
          .append("/s, ")
          .append(duration(Math.round((total - done) / rate)))
          .append(" left");
    }
    return line.toString();
  }

  private void draw(long now) {
    String text = line(now);
    // Pad over a longer previous line: \r only moves the cursor back.
    err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
    err.flush();
    drawnWidth = Math.max(drawnWidth, text.length());
    drawnAtNanos = now;
  }

  static String duration(long seconds) {
    return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
  }
}
