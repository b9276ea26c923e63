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
