package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(5 * SECOND);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ProgressBar bar =
      new ProgressBar(
          new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, "scaffolding");

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** What the terminal shows after each redraw: the text between carriage returns. */
  private List<String> frames() {
    return Arrays.stream(written().split("\r"))
        .filter(frame -> !frame.isBlank())
        .map(String::stripTrailing)
        .toList();
  }

  @Test
  void showsRunsDoneOfTheTotalTheRateAndTheTimeLeft() {
    bar.started(1000);
    for (int run = 0; run < 249; run++) {
      bar.runDone(); // the clock stands still: no redraw is due
    }
    now.addAndGet(2 * SECOND);
    bar.runDone();
    // 250 runs in 2 s: 125 runs/s, 750 to go: 6 s.
    assertThat(frames())
        .last()
        .isEqualTo("scaffolding [#####...............] 250/1000 runs, 125 runs/s, 6 s left");
  }

  @Test
  void countsCellsWhenItIsTheCellsBar() {
    ProgressBar cells =
        new ProgressBar(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            now::get,
            "writing evaluation cells",
            "cells");
    cells.started(400);
    for (int cell = 0; cell < 99; cell++) {
      cells.runDone(); // the clock stands still: no redraw is due
    }
    now.addAndGet(SECOND);
    cells.runDone();
    assertThat(frames())
        .last()
        .isEqualTo(
            "writing evaluation cells [#####...............] 100/400 cells, 100 cells/s, 3 s left");
  }

  @Test
  void drawsAtOnceAndThenAtMostEveryTenthOfASecond() {
    bar.started(1000);
    assertThat(frames()).containsExactly("scaffolding [....................] 0/1000 runs");
    for (int run = 0; run < 100; run++) {
      now.addAndGet(SECOND / 1000); // 100 runs in 0.1 s
      bar.runDone();
    }
    assertThat(frames()).hasSize(2);
    assertThat(frames().get(1))
        .startsWith("scaffolding [##..................] 100/1000 runs, 1000 runs/s");
  }

  @Test
  void theLastRunIsAlwaysDrawnAndTheLineIsClearedAtTheEnd() {
    bar.started(300);
    for (int run = 0; run < 300; run++) {
      bar.runDone(); // the clock stands still: only the first and the last frame are due
    }
    assertThat(frames())
        .last()
        .asString()
        .startsWith("scaffolding [####################] 300/300 runs");
    int widest = frames().stream().mapToInt(String::length).max().orElseThrow();
    bar.finished();
    String cleared = written().substring(written().lastIndexOf('\r', written().length() - 2));
    assertThat(cleared).isEqualTo("\r" + " ".repeat(widest) + "\r");
    assertThat(written()).doesNotContain("\n");
  }

  @Test
  void aShorterLinePaintsOverTheLongerOneBeforeIt() {
    bar.started(1000);
    now.addAndGet(SECOND / 100);
    bar.runDone(); // 100 runs/s, 999 left: "10 s left"
    now.addAndGet(100 * SECOND);
    bar.runDone(); // slower: "2 min ..." then shorter again below
    String[] raw = written().split("\r");
    String last = raw[raw.length - 1];
    int longest = Arrays.stream(raw).mapToInt(String::length).max().orElseThrow();
    assertThat(last).hasSize(longest);
  }

  @Test
  void longWaitsReadInMinutes() {
    assertThat(ProgressBar.duration(59)).isEqualTo("59 s");
    assertThat(ProgressBar.duration(125)).isEqualTo("2 min 5 s");
  }

  @Test
  void nothingIsWrittenWhenNothingWasDrawn() {
    bar.finished();
    assertThat(written()).isEmpty();
  }

  @Test
  void onlyForMoreThan200RunsOnATerminalAndNeverForJsonOrQuiet() {
    Map<String, String> terminal = Map.of(ProgressBar.STDERR_IS_TERMINAL, "1");
    assertThat(ProgressBar.shows(terminal, false, false, 201)).isTrue();
    assertThat(ProgressBar.shows(terminal, false, false, 200)).isFalse();
    assertThat(ProgressBar.shows(terminal, true, false, 10_000)).isFalse();
    assertThat(ProgressBar.shows(terminal, false, true, 10_000)).isFalse();
    assertThat(ProgressBar.shows(Map.of(), false, false, 10_000)).isFalse();
    assertThat(ProgressBar.shows(Map.of(ProgressBar.STDERR_IS_TERMINAL, "0"), false, false, 10_000))
        .isFalse();
  }
}
