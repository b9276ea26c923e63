package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Fixtures;

/**
 * How status reads SLURM's answers, and in how many calls. The local cluster has no accounting, so
 * the sacct path cannot be exercised for real: TEST STAND-INS print what squeue and sacct print for
 * the formats tunesmith asks for (as SLURM 22.05 prints them), and record the arguments they were
 * given. The real commands are covered end to end.
 */
class JobObserverTest {
  @TempDir Path temp;

  private static final Set<String> KEYS =
      new LinkedHashSet<>(List.of("10", "12", "13_0", "13_1", "13_2", "14"));

  @Test
  void oneSqueueListingThenOneSacctForTheRest() throws Exception {
    printing(
        "squeue",
        "12|N/A|RUNNING|1:05|tunesmith:abc:r12:1\n13|2|PENDING|0:00|\n99|N/A|RUNNING|0:01|other\n");
    printing(
        "sacct", "10|COMPLETED|00:00:03|\n13_0|FAILED|00:00:02|\n13_1|CANCELLED by 0|00:00:00|\n");

    Map<String, ObservedJob> jobs = observer().observe(KEYS);

    assertThat(jobs)
        .containsEntry("12", new ObservedJob("RUNNING", "00:01:05", "squeue"))
        .containsEntry("13_2", new ObservedJob("PENDING", "00:00:00", "squeue"))
        .containsEntry("10", new ObservedJob("COMPLETED", "00:00:03", "sacct"))
        .containsEntry("13_0", new ObservedJob("FAILED", "00:00:02", "sacct"))
        .doesNotContainKeys("14", "99");
    assertThat(jobs.get("13_1").state()).isEqualTo(RunState.CANCELLED);
    assertThat(Fixtures.read(temp.resolve("squeue.args")))
        .as("one listing of every job of the user's SLURM still holds, with its tag")
        .isEqualTo("--me -a -t all -h -r -o %F|%K|%T|%M|%k\n");
    assertThat(Fixtures.read(temp.resolve("sacct.args")))
        .as("one sacct, only for the jobs squeue did not list")
        .isEqualTo("-P -n -X -o JobID,State,Elapsed,Comment -j 10,13,14\n");
  }

  @Test
  void withoutAccountingSqueueAloneAnswersAndAnUnknownJobIsLeftOut() throws Exception {
    printing(
        "squeue",
        "10|N/A|TIMEOUT|10:01|\n13|2|PENDING|0:00|\n13|0|OUT_OF_MEMORY|0:07|\n"
            + "13|1|COMPLETED|1-00:00:07|\n");
    standIn("sacct", "echo 'Slurm accounting storage is disabled' >&2; exit 1");
    standIn("scontrol", "echo scontrol must not be asked >&2; exit 1");

    Map<String, ObservedJob> jobs = observer().observe(KEYS);

    assertThat(jobs)
        .containsEntry("10", new ObservedJob("TIMEOUT", "00:10:01", "squeue"))
        .containsEntry("13_0", new ObservedJob("OUT_OF_MEMORY", "00:00:07", "squeue"))
        .containsEntry("13_1", new ObservedJob("COMPLETED", "1-00:00:07", "squeue"))
        .containsEntry("13_2", new ObservedJob("PENDING", "00:00:00", "squeue"))
        .doesNotContainKeys("12", "14");
    assertThat(temp.resolve("scontrol.args")).doesNotExist();
  }

  @Test
  void aJobIsFoundByItsTagInSqueueOrElseInSacctSinceTheIntent() throws Exception {
    printing(
        "squeue",
        "40|N/A|RUNNING|0:05|tunesmith:abc:r1:1\n41|N/A|PENDING|0:00|tunesmith:abc:r1:1\n"
            + "45|0|PENDING|0:00|tunesmith:abc:array-x:1\n45|1|PENDING|0:00|tunesmith:abc:array-x:1\n");
    printing("sacct", "38|COMPLETED|00:00:09|tunesmith:abc:r2:2\n39|FAILED|00:00:01|something\n");

    JobObserver.Snapshot snapshot =
        observer()
            .observe(
                Set.of("38"),
                Set.of(
                    "tunesmith:abc:r1:1",
                    "tunesmith:abc:array-x:1",
                    "tunesmith:abc:r2:2",
                    "tunesmith:abc:r3:1"),
                Optional.of(Instant.parse("2026-12-06T01:00:00Z")));

    assertThat(snapshot.newestJob("tunesmith:abc:r1:1"))
        .as("a forced resubmission reuses its attempt's tag: the newest job is the one")
        .contains("41");
    assertThat(snapshot.newestJob("tunesmith:abc:array-x:1")).contains("45");
    assertThat(snapshot.newestJob("tunesmith:abc:r2:2")).contains("38");
    assertThat(snapshot.newestJob("tunesmith:abc:r3:1")).isEmpty();
    assertThat(snapshot.job("38")).contains(new ObservedJob("COMPLETED", "00:00:09", "sacct"));
    assertThat(Fixtures.read(temp.resolve("sacct.args")))
        .as("the tags squeue did not list are looked for in the user's jobs since the intent")
        .startsWith("-P -n -X -o JobID,State,Elapsed,Comment -S 2026-12-06T");
  }

  @Test
  void aFailingSqueueIsAnError() throws Exception {
    standIn(
        "squeue",
        "echo 'slurm_load_jobs error: Unable to contact slurm controller (connect failure)' >&2; exit 1");

    assertThatThrownBy(() -> observer().observe(Set.of("10")))
        .isInstanceOf(SlurmException.class)
        .hasMessageContaining("Unable to contact slurm controller");
  }

  private JobObserver observer() {
    Map<String, String> env =
        Map.of(
            "PATH",
            "/usr/bin:/bin",
            "SQUEUE",
            temp.resolve("squeue").toString(),
            "SACCT",
            temp.resolve("sacct").toString(),
            "SCONTROL",
            temp.resolve("scontrol").toString());
    return new JobObserver(new SlurmClient(env, temp));
  }

  /** A stand-in that prints {@code output} and exits 0. */
  private void printing(String name, String output) throws IOException {
    standIn(name, "printf '%s' '" + output.replace("'", "'\\''") + "'");
  }

  private void standIn(String name, String body) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(
        file,
        "#!/bin/bash\n# TEST STAND-IN for SLURM's "
            + name
            + "\necho \"$*\" > \"$0.args\"\n"
            + body
            + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
