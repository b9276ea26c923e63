package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * The experiment lock as the CLI shows it: exit 3 naming the holder, --wait, stale locks, read-only
 * commands.
 */
class ExperimentLockCliTest {
  private static final String LOCK = ".tunesmith/lock";

  @TempDir Path temp;

  private static String hostName() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
  }

  /** A lock held by a live process on this host: this test JVM. */
  private static void holdLock(Path experiment) throws IOException {
    Files.createDirectories(experiment.resolve(".tunesmith"));
    Fixtures.write(
        experiment.resolve(LOCK),
        "pid="
            + ProcessHandle.current().pid()
            + "\nhost="
            + hostName()
            + "\nsince=2026-11-29T00:00:00Z\n");
  }

  @Test
  void aSecondScaffoldExitsThreeNamingTheHolderAndWritesNoRun() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    holdLock(experiment);

    CliResult result = Expect.exitCode(Cli.run(experiment, "scaffold"), 3);

    assertThat(result.err())
        .contains("pid " + ProcessHandle.current().pid())
        .contains("host " + hostName())
        .contains("since 2026-11-29T00:00:00Z")
        .contains("--wait");
    assertThat(experiment.resolve("rank8_lr1e-5")).doesNotExist();
    assertThat(experiment.resolve(LOCK)).as("someone else's lock is left alone").exists();
  }

  /**
   * The commands docs/FILES.md and docs/EXIT-CODES.md name as taking the lock are the ones that
   * refuse while another process holds it: each command is run against a held lock.
   */
  @Test
  void theCommandsThatTakeTheLockAreTheOnesTheDocsName() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold"));
    holdLock(experiment);
    Set<String> refused = new TreeSet<>();
    for (String command :
        List.of("scaffold", "plan", "verify", "submit", "status", "cancel", "retry", "setup")) {
      CliResult result =
          command.equals("setup")
              ? Cli.run(experiment.resolve("rank8_lr1e-5"), command)
              : Cli.run(experiment, command);
      if (result.err().contains(LOCK + ": held by")) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(3);
        refused.add(command);
      }
    }
    assertThat(refused).containsExactlyInAnyOrder("scaffold", "submit", "cancel", "retry");
    String files = Fixtures.read(Path.of("docs/FILES.md"));
    String lockRow =
        files
            .lines()
            .filter(line -> line.startsWith("| `.tunesmith/lock` |"))
            .findFirst()
            .orElseThrow();
    assertThat(commandsIn(lockRow.split("\\|")[2])).isEqualTo(refused);
    String exitCodes = Fixtures.read(Path.of("docs/EXIT-CODES.md"));
    String environmentRow =
        exitCodes.lines().filter(line -> line.startsWith("| `3` |")).findFirst().orElseThrow();
    String holders =
        environmentRow.substring(
            environmentRow.indexOf("another "),
            environmentRow.indexOf("holds the experiment's lock"));
    assertThat(commandsIn(holders)).isEqualTo(refused);
  }

  private static Set<String> commandsIn(String text) {
    Set<String> commands = new TreeSet<>();
    java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("`(\\w+)`").matcher(text);
    while (quoted.find()) {
      commands.add(quoted.group(1));
    }
    return commands;
  }

  @Test
  void planAndVerifyDoNotNeedTheLock() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold"));
    holdLock(experiment);

    Expect.succeeded(Cli.run(experiment, "plan"));
    Expect.succeeded(Cli.run(experiment, "verify"));
    Expect.succeeded(Cli.run(experiment, "scaffold", "--dry-run"));
  }

  @Test
  void withWaitScaffoldGoesOnOnceTheHolderIsDone() throws Exception {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    holdLock(experiment);

    CompletableFuture<CliResult> waiting =
        CompletableFuture.supplyAsync(() -> Cli.run(experiment, "scaffold", "--wait"));
    Thread.sleep(500);
    assertThat(waiting).as("waits while the lock is held").isNotDone();
    Files.delete(experiment.resolve(LOCK));

    Expect.succeeded(waiting.get(60, TimeUnit.SECONDS));
    Expect.succeeded(Cli.run(experiment, "verify"));
    assertThat(experiment.resolve(LOCK)).doesNotExist();
  }

  @Test
  void waitTimeoutGivesUpWithExitThree() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    holdLock(experiment);

    CliResult result = Expect.exitCode(Cli.run(experiment, "scaffold", "--wait-timeout", "1"), 3);

    assertThat(result.err())
        .contains("after waiting 1 s")
        .contains("pid " + ProcessHandle.current().pid());
  }

  @Test
  void aStaleLockIsTakenOverWithAWarningInTheOutputAndTheLog() throws Exception {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createDirectories(experiment.resolve(".tunesmith"));
    Fixtures.write(
        experiment.resolve(LOCK),
        "pid=" + gone.pid() + "\nhost=" + hostName() + "\nsince=2026-11-29T00:00:00Z\n");

    CliResult result = Expect.succeeded(Cli.run(experiment, "scaffold"));

    assertThat(result.err())
        .contains("warning")
        .contains("stale lock")
        .contains("pid " + gone.pid());
    assertThat(Fixtures.read(experiment.resolve("scaffold-torchtune.log")))
        .contains("WARNING: Experiment lock")
        .contains("pid " + gone.pid());
    assertThat(experiment.resolve(LOCK)).doesNotExist();
  }

  @Test
  void theLockIsReleasedWhenRunsFailToo() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Fixtures.write(experiment.resolve("rank8_lr5e-5"), "a file where a run directory belongs\n");

    Expect.exitCode(Cli.run(experiment, "scaffold"), 1);

    assertThat(experiment.resolve(LOCK)).doesNotExist();
    Expect.exitCode(Cli.run(experiment, "scaffold"), 1);
  }
}
