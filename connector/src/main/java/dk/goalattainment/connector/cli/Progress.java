package dk.goalattainment.connector.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work (records read) on stderr, so stdout stays clean: a progress bar on a
 * terminal, otherwise (CI logs, pipes) a plain line every five seconds.
 */
final class Progress implements LongConsumer, AutoCloseable {
  private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
  private final String task;
  private final ProgressBar bar;
  private final PrintStream plain;
  private long lastPlain = System.nanoTime();
  private long last;

  Progress(String task, long total) {
    this.task = task;
    if (System.console() != null) {
      this.bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500)
              .setUnit(" records", 1)
              .showSpeed()
              .setMaxRenderedLength(100)
              .setEtaFunction(state -> Optional.<Duration>empty())
              .build();
      this.plain = null;
    } else {
      this.bar = null;
      this.plain = System.err;
    }
  }

  @Override
  public void accept(long records) {
    last = records;
    if (bar != null) {
      if (records > bar.getMax()) {
        bar.maxHint(records);
      }
      bar.stepTo(records);
    } else if (System.nanoTime() - lastPlain > PLAIN_INTERVAL_NANOS) {
      lastPlain = System.nanoTime();
      plain.printf("%s: %,d records read%n", task, records);
    }
  }

  void message(String text) {
    if (bar != null) {
      bar.setExtraMessage(text);
    } else {
      plain.printf("%s: %,d records read, %s%n", task, last, text);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
