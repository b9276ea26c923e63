package tunesmith.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLockTest {
  private final Clock clock = Clock.systemUTC();

  @TempDir Path experiment;

  /** The pid of a process that has exited: a lock naming it is stale. */
  static long deadPid() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    long pid = process.pid();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("pid %d is gone", pid)
        .isFalse();
    return pid;
  }

  static void writeLock(Path experiment, long pid, String host, Instant since) throws IOException {
    Path file = experiment.resolve(ExperimentLock.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, new LockHolder(pid, host, since, Optional.empty()).text());
  }

  @Test
  void theLockFileNamesThisProcessAndGoesAwayOnClose() throws Exception {
    Path file = experiment.resolve(".tunesmith/lock");
    try (ExperimentLock lock = ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock)) {
      String text = Files.readString(file);
      assertThat(text)
          .contains("pid=" + ProcessHandle.current().pid())
          .contains("host=" + HostName.current())
          .contains("since=");
      assertThat(LockHolder.parse(text))
          .hasValueSatisfying(
              holder -> assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid()));
      assertThat(lock.takenOverFrom()).isEmpty();
    }
    assertThat(file).doesNotExist();
    assertThat(Files.list(file.getParent())).as("no temporary file left").isEmpty();
  }

  @Test
  void aSecondAcquireFailsNamingTheHolder() throws Exception {
    try (ExperimentLock first = ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock)) {
      assertThatThrownBy(() -> ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock))
          .isInstanceOf(LockHeldException.class)
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("host " + HostName.current())
          .hasMessageContaining(
              "since " + LockHolder.parse(Files.readString(first.file())).orElseThrow().since())
          .hasMessageContaining("--wait");
    }
  }

  @Test
  void closingTwiceOrAfterTheFileWasReplacedNeverRemovesAnotherHoldersLock() throws Exception {
    ExperimentLock lock = ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock);
    Path file = lock.file();
    Files.delete(file);
    writeLock(experiment, 1, "elsewhere", Instant.parse("2026-01-01T00:00:00Z"));
    lock.close();
    lock.close();
    assertThat(Files.readString(file)).contains("host=elsewhere");
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOver() throws Exception {
    long dead = deadPid();
    writeLock(experiment, dead, HostName.current(), Instant.parse("2026-01-01T00:00:00Z"));

    try (ExperimentLock lock = ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock)) {
      assertThat(lock.takenOverFrom()).map(LockHolder::pid).contains(dead);
      assertThat(Files.readString(lock.file())).contains("pid=" + ProcessHandle.current().pid());
    }
  }

  @Test
  void aLockWhosePidWasReusedByAnotherProcessIsStale() throws Exception {
    // This JVM's pid, but a start time that is not this JVM's: the pid was reused.
    Path file = experiment.resolve(ExperimentLock.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        new LockHolder(
                ProcessHandle.current().pid(),
                HostName.current(),
                Instant.parse("2026-01-01T00:00:00Z"),
                Optional.of(Instant.parse("2001-01-01T00:00:00Z")))
            .text());

    try (ExperimentLock lock = ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock)) {
      assertThat(lock.takenOverFrom()).isPresent();
    }
  }

  @Test
  void aLockHeldOnAnotherHostIsNeverJudgedStale() throws Exception {
    writeLock(experiment, deadPid(), "some-other-node", Instant.parse("2026-01-01T00:00:00Z"));

    assertThatThrownBy(() -> ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock))
        .isInstanceOf(LockHeldException.class)
        .hasMessageContaining("some-other-node");
  }

  @Test
  void aFileThatIsNotALockRecordIsReportedNotSilentlyReplaced() throws Exception {
    Path file = experiment.resolve(ExperimentLock.RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "garbage");

    assertThatThrownBy(() -> ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock))
        .isInstanceOf(LockHeldException.class)
        .hasMessageContaining("not a tunesmith lock record")
        .hasMessageContaining("delete it");
    assertThat(Files.readString(file)).isEqualTo("garbage");
  }

  @Test
  void waitingGetsTheLockOnceTheHolderReleasesIt() throws Exception {
    ExperimentLock first = ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock);
    // The waiter reads its clock for its deadline, then twice a round (the holder record it would
    // write, whether it timed out): its third read is after it found the lock held.
    CountDownLatch foundItHeld = new CountDownLatch(3);
    Clock watched =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return clock.getZone();
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            foundItHeld.countDown();
            return clock.instant();
          }
        };
    CompletableFuture<ExperimentLock> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ExperimentLock.acquire(
                    experiment, WaitPolicy.upTo(Duration.ofMinutes(10)), watched);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    foundItHeld.await();
    assertThat(second).as("still waiting while the first holds the lock").isNotDone();
    first.close();
    try (ExperimentLock lock = second.get(10, TimeUnit.SECONDS)) {
      assertThat(lock.file()).exists();
    }
  }

  @Test
  void waitingGivesUpAfterItsLimit() throws Exception {
    try (ExperimentLock first = ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock)) {
      assertThat(first.takeoverWarnings()).isEmpty();
      // A clock that moves a second each time it is read: the wait ends by the clock, not by
      // how long the machine took.
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      AtomicInteger reads = new AtomicInteger();
      Clock stepping =
          new Clock() {
            @Override
            public java.time.ZoneId getZone() {
              return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return start.plusSeconds(reads.getAndIncrement());
            }
          };
      assertThatThrownBy(
              () ->
                  ExperimentLock.acquire(
                      experiment, WaitPolicy.upTo(Duration.ofSeconds(5)), stepping))
          .isInstanceOf(LockHeldException.class)
          .hasMessageContaining("still held after waiting 5 s");
      // It gave up in the round that reached 5 s, not at once.
      assertThat(reads.get()).as("clock reads: more than one round").isGreaterThan(3);
    }
  }

  @Test
  void ofManyThreadsRacingForAStaleLockExactlyOneHoldsItAtATime() throws Exception {
    writeLock(experiment, deadPid(), HostName.current(), Instant.parse("2026-01-01T00:00:00Z"));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      attempts.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  ExperimentLock.acquire(experiment, WaitPolicy.NO_WAIT, clock);
                  return true; // kept (never closed), as by a process still running
                } catch (LockHeldException held) {
                  return false;
                }
              }));
    }
    start.countDown();
    int winners = 0;
    for (Future<Boolean> attempt : attempts) {
      winners += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(winners).isEqualTo(1);
  }

  @Test
  void withoutHardLinksTheRecordIsCreatedInPlaceAndOnlyOnce() throws IOException {
    Path file = Files.createDirectories(experiment.resolve(".tunesmith")).resolve("lock");
    LockHolder me = LockHolder.current("this-host", Instant.parse("2026-11-29T00:00:00Z"));

    assertThat(ExperimentLock.createInPlace(file, me)).isTrue();
    assertThat(
            ExperimentLock.createInPlace(
                file, LockHolder.current("this-host", Instant.parse("2026-11-29T00:00:01Z"))))
        .as("a second creator finds it held")
        .isFalse();

    assertThat(LockHolder.parse(Files.readString(file))).contains(me);
  }
}
