package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tunesmith.files.AtomicFiles;
import tunesmith.testing.Cli;

/**
 * CrashTest's machinery: scaffold as a real process, given a random stretch of writing once it
 * holds the experiment lock, then SIGKILLed; round after round, each kill followed by a resumed
 * scaffold, until enough kills have landed; then one scaffold left to finish.
 */
final class ScaffoldKills {
  /** How Java reports a process ended by SIGKILL: 128 + 9. */
  static final int SIGKILL_EXIT = 137;

  private final Path temp;
  private final Map<String, String> env;

  /** Every process killed so far: a temporary file of any of them may still be lying about. */
  private final Set<Long> killedPids = new HashSet<>();

  /** Kills that came after the lock was released, counted as finished scaffolds. */
  int lateKills;

  /** Temporary files and directories of killed processes found. */
  int debrisSeen;

  /**
   * @param temp where the processes' output goes
   * @param env exactly the environment each process gets
   */
  ScaffoldKills(Path temp, Map<String, String> env) {
    this.temp = temp;
    this.env = env;
  }

  /** A seeded random: {@code -Dtunesmith.crash.seed=N} replays a run; the seed is printed. */
  static Random seeded(String test) {
    long seed = Long.getLong("tunesmith.crash.seed", System.nanoTime());
    System.out.println(
        test + " seed " + seed + " (replay with -Dtunesmith.crash.seed=" + seed + ")");
    return new Random(seed);
  }

  /** A scaffold process and where its output goes. */
  record Started(Process process, Path out, Path err) {
    long pid() {
      return process.pid();
    }

    String errText() {
      return read(err);
    }

    String describe() {
      return "exit "
          + (process.isAlive() ? "(running)" : process.exitValue())
          + "\n--- stdout ---\n"
          + read(out)
          + "\n--- stderr ---\n"
          + read(err);
    }
  }

  Started start(Path experiment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT"));
    command.addAll(Cli.javaCommand(args));
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(experiment.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return new Started(builder.start(), out, err);
  }

  /**
   * Waits until the process holds the experiment lock (planning done, writing begun); false if it
   * exited first.
   */
  static boolean awaitLock(Path experiment, Started started) throws InterruptedException {
    Path lock = experiment.resolve(".tunesmith/lock");
    String mine = "pid=" + started.pid() + "\n";
    while (started.process().isAlive()) {
      try {
        if (Files.readString(lock).startsWith(mine)) {
          return true;
        }
      } catch (IOException notYet) {
        // No lock, or the dead holder's: keep looking.
      }
      Thread.sleep(5);
    }
    return false;
  }

  /** Whether the experiment lock still names this (dead) process. */
  static boolean holdsLock(Path experiment, Started started) {
    try {
      return Files.readString(experiment.resolve(".tunesmith/lock"))
          .startsWith("pid=" + started.pid() + "\n");
    } catch (IOException noLock) {
      return false;
    }
  }

  /**
   * A temporary file or directory ({@code .NAME.tmp-PID}) found after a kill: it must be a killed
   * process's, of this kill or of an earlier one whose place no scaffold has reached since.
   */
  void assertDebrisOfAKilledProcess(Path entry) {
    String name = entry.getFileName().toString();
    assertThat(AtomicFiles.isTemporary(name)).as("%s is a temporary name", entry).isTrue();
    assertThat(killedPids)
        .as("%s belongs to a killed process", entry)
        .contains(Long.parseLong(name.substring(name.lastIndexOf('-') + 1)));
    debrisSeen++;
  }

  /**
   * One scaffold of the loop: killed holding its lock after {@code delayMillis} of writing, or
   * finished.
   *
   * @param writingMillis from taking the lock to the end
   */
  record Round(Started scaffold, boolean killed, long delayMillis, long writingMillis) {}

  /** What a test checks between the scaffolds of {@link #killRepeatedly}. */
  interface Checks {
    /** Whether the next scaffold is left to finish instead of being killed. */
    default boolean letFinish(int kills, boolean afterKill) {
      return false;
    }

    /** Whether to go on killing after the kills asked for (within the rounds allowed). */
    default boolean wantsMoreKills() {
      return false;
    }

    /** After the {@code kills}-th kill: what the killed scaffold left. */
    void afterKill(Round round, int kills) throws Exception;

    /**
     * After a scaffold that finished, {@code kills} kills in: it completed everything; set up the
     * next round.
     */
    void afterFinish(Round round, int kills) throws Exception;
  }

  /**
   * @param kills scaffolds killed holding the lock
   * @param rounds scaffolds started, killed or finished, before the last one
   * @param completions scaffolds that finished between kills
   */
  record Summary(int kills, int rounds, int completions) {}

  /**
   * Kills scaffolds at random moments until {@code kills} of them died holding the lock and the
   * checks want no more, each round resuming what the last left; then one more scaffold is left to
   * finish, which must exit 0. Each kill lands within the writing time of the last scaffold that
   * finished ({@code writeMillis} at first). The stale lock of each killed process is left, and
   * taken over by the next scaffold with a warning naming it.
   */
  Summary killRepeatedly(Path experiment, int kills, Random random, long writeMillis, Checks checks)
      throws Exception {
    int killed = 0;
    int completions = 0;
    int rounds = 0;
    long previousKilled = -1;
    writeMillis = clampedWriteMillis(writeMillis);
    while (killed < kills || checks.wantsMoreKills()) {
      assertThat(++rounds).as("rounds needed for %d kills", kills).isLessThanOrEqualTo(kills * 3);
      boolean letFinish = checks.letFinish(killed, previousKilled > 0);
      long delay = letFinish ? -1 : (long) (random.nextDouble() * writeMillis);
      Round round = scaffold(experiment, delay);
      if (round.killed()) {
        killed++;
        // It holds the lock (holdsLock), so it took over the killed one's stale lock; the warning
        // may not be printed yet when the kill lands, but when it is, it names that pid.
        if (previousKilled > 0 && round.scaffold().errText().contains("took over the stale lock")) {
          assertThat(round.scaffold().errText())
              .as(
                  "the stale lock of the killed pid %d is taken over with a warning",
                  previousKilled)
              .contains("pid " + previousKilled);
        }
        killedPids.add(round.scaffold().pid());
        assertThat(read(experiment.resolve(".tunesmith/lock")))
            .as("the killed process's lock is left, stale")
            .startsWith("pid=" + round.scaffold().pid() + "\n");
        checks.afterKill(round, killed);
        previousKilled = round.scaffold().pid();
      } else {
        if (previousKilled > 0) {
          assertTookOver(round.scaffold(), previousKilled);
        }
        // Kills spread over the writing, up to 3 s of it: enough to land anywhere in a run's
        // files, and the test stays short.
        writeMillis = clampedWriteMillis(round.writingMillis());
        checks.afterFinish(round, killed);
        completions++;
        previousKilled = -1;
      }
    }
    Round last = scaffold(experiment, -1);
    assertThat(last.scaffold().process().exitValue()).as(last.scaffold().describe()).isZero();
    assertTookOver(last.scaffold(), previousKilled);
    return new Summary(killed, rounds, completions);
  }

  private static long clampedWriteMillis(long tookMillis) {
    return Math.min(3000, Math.max(500, tookMillis));
  }

  private static void assertTookOver(Started scaffold, long killedPid) {
    assertThat(scaffold.errText())
        .contains("took over the stale lock")
        .contains("pid " + killedPid);
  }

  /**
   * Starts a scaffold and, once it holds the lock, gives it {@code delayMillis} (-1: as long as it
   * needs) before SIGKILL. Whether it was killed is decided from how it ended, not from the timing:
   * it may finish between waitFor returning and the signal. Killed while it still held its lock is
   * a kill; otherwise it had finished its work (exit 0, or SIGKILL after releasing the lock).
   */
  Round scaffold(Path experiment, long delayMillis) throws Exception {
    Started scaffold = start(experiment, "scaffold", "-q");
    long lockedAt = System.nanoTime();
    boolean locked = awaitLock(experiment, scaffold);
    assertThat(locked || scaffold.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (locked) {
      lockedAt = System.nanoTime();
    }
    boolean killed = false;
    if (locked && delayMillis >= 0) {
      if (!scaffold.process().waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
        scaffold.process().destroyForcibly(); // SIGKILL
      }
      assertThat(scaffold.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      killed = scaffold.process().exitValue() == SIGKILL_EXIT && holdsLock(experiment, scaffold);
    }
    if (!killed) {
      assertThat(scaffold.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(scaffold.process().exitValue())
          .as(scaffold.describe())
          .isIn(0, SIGKILL_EXIT); // SIGKILL only if it came after the lock was released
      if (scaffold.process().exitValue() == SIGKILL_EXIT) {
        lateKills++;
      }
    }
    return new Round(scaffold, killed, delayMillis, (System.nanoTime() - lockedAt) / 1_000_000);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
