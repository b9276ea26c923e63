package tunesmith.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.scaffold.ScaffoldLog.Action;

class ScaffoldLogTest {
  private final Clock clock = Clock.fixed(Instant.parse("2025-10-22T08:09:10Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void entriesHaveTheManualWorkflowsShape() throws IOException {
    ScaffoldLog log = new ScaffoldLog(clock);
    log.add(Action.VERIFY, "r8\nlr", "Read back", "All values match the plan");
    log.flush(dir);
    assertThat(Files.readString(dir.resolve(ScaffoldLog.FILE_NAME)))
        .isEqualTo(
            "[2025-10-22 08:09:10] VERIFY: r8 lr\nDetails: Read back\nResult: All values match the plan\n\n");
  }

  @Test
  void eachEntryIsStampedWithTheSecondItWasAddedIn() throws IOException {
    // Entries of one second share one formatted stamp; the next second gets its own.
    Instant[] now = {Instant.parse("2025-10-22T08:09:10.250Z")};
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneId.of("Europe/Amsterdam");
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return Clock.fixed(now[0], zone);
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    ScaffoldLog log = new ScaffoldLog(moving);
    log.add(Action.VERIFY, "a", "-", "-");
    now[0] = Instant.parse("2025-10-22T08:09:10.999Z");
    log.add(Action.VERIFY, "b", "-", "-");
    now[0] = Instant.parse("2025-10-22T08:09:11.000Z");
    log.add(Action.VERIFY, "c", "-", "-");
    now[0] = Instant.parse("2025-10-22T09:00:00Z");
    log.add(Action.VERIFY, "d", "-", "-");
    log.flush(dir);
    assertThat(Files.readAllLines(dir.resolve(ScaffoldLog.FILE_NAME)))
        .filteredOn(line -> line.startsWith("["))
        .containsExactly(
            "[2025-10-22 10:09:10] VERIFY: a",
            "[2025-10-22 10:09:10] VERIFY: b",
            "[2025-10-22 10:09:11] VERIFY: c",
            "[2025-10-22 11:00:00] VERIFY: d");
  }

  @Test
  void sectionsWrittenOnManyThreadsLandInTheOrderTheyAreAppended() throws Exception {
    ScaffoldLog log = new ScaffoldLog(clock);
    log.add(Action.DISCOVER_EXPERIMENT, "first", "-", "-");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<ScaffoldLog.Section>> sections = new ArrayList<>();
    for (int run = 0; run < 50; run++) {
      int number = run;
      sections.add(
          threads.submit(
              () -> {
                try (ScaffoldLog.Section section = log.openSection()) {
                  for (Action action :
                      List.of(Action.CREATE_RUN_DIR, Action.GENERATE_YAML, Action.VERIFY)) {
                    log.add(action, "run" + number, "-", "-");
                    Thread.sleep((50 - number) % 3);
                  }
                  return section;
                }
              }));
    }
    for (Future<ScaffoldLog.Section> section : sections) {
      log.append(section.get());
    }
    threads.shutdown();
    log.add(Action.COMPLETE, "last", "-", "-");
    log.flush(dir);

    List<String> headings =
        Files.readAllLines(dir.resolve(ScaffoldLog.FILE_NAME)).stream()
            .filter(line -> line.startsWith("["))
            .map(line -> line.substring(line.indexOf("] ") + 2))
            .toList();
    List<String> expected = new ArrayList<>(List.of("DISCOVER_EXPERIMENT: first"));
    for (int run = 0; run < 50; run++) {
      expected.addAll(
          List.of("CREATE_RUN_DIR: run" + run, "GENERATE_YAML: run" + run, "VERIFY: run" + run));
    }
    expected.add("COMPLETE: last");
    assertThat(headings).containsExactlyElementsOf(expected);
  }

  @Test
  void onceASectionIsClosedTheThreadWritesToTheLogAgain() throws IOException {
    ScaffoldLog log = new ScaffoldLog(clock);
    ScaffoldLog.Section section;
    try (ScaffoldLog.Section open = log.openSection()) {
      log.add(Action.VERIFY, "inside", "-", "-");
      section = open;
    }
    log.add(Action.COMPLETE, "outside", "-", "-");
    log.append(section);
    log.flush(dir);
    String text = Files.readString(dir.resolve(ScaffoldLog.FILE_NAME));
    assertThat(text.indexOf("COMPLETE: outside")).isLessThan(text.indexOf("VERIFY: inside"));
  }
}
