package dk.goalattainment.connector.cli;

import java.time.Duration;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for long work (records read), so stdout stays clean. */
final class Progress implements LongConsumer, AutoCloseable {
  private final ProgressBar bar;

  Progress(String task, long total) {
    this.bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .setUnit(" records", 1)
            .showSpeed()
            .setMaxRenderedLength(100)
            .setEtaFunction(state -> java.util.Optional.<Duration>empty())
            .build();
  }

  @Override
  public void accept(long records) {
    if (records > bar.getMax()) {
      bar.maxHint(records);
    }
    bar.stepTo(records);
  }

  void message(String text) {
    bar.setExtraMessage(text);
  }

  @Override
  public void close() {
    bar.close();
  }
}
