package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Fixtures;

/**
 * How status reads SLURM's answers. The local cluster has no accounting, so the sacct path cannot
 * be exercised for real: TEST STAND-INS print what squeue, sacct and scontrol print for the formats
 * tunesmith asks for (copied from SLURM 22.05), and record the arguments they were given. The real
 * commands are covered end to end.
 */
class JobObserverTest {
  @TempDir Path temp;

  private static final Set<String> KEYS =
      new LinkedHashSet<>(List.of("10", "12", "13_0", "13_1", "13_2", "14"));

  @Test
  void squeueFirstThenSacctForTheRest() throws Exception {
    printing("squeue", "12|N/A|RUNNING|1:05\n13|2|PENDING|0:00\n");
    printing(
        "sacct", "10|COMPLETED|00:00:03\n13_0|FAILED|00:00:02\n13_1|CANCELLED by 0|00:00:00\n");

    Map<String, ObservedJob> jobs = observer().observe(KEYS);

    assertThat(jobs)
        .containsEntry("12", new ObservedJob("RUNNING", "00:01:05", "squeue"))
        .containsEntry("13_2", new ObservedJob("PENDING", "00:00:00", "squeue"))
        .containsEntry("10", new ObservedJob("COMPLETED", "00:00:03", "sacct"))
        .containsEntry("13_0", new ObservedJob("FAILED", "00:00:02", "sacct"))
        .doesNotContainKey("14");
    assertThat(jobs.get("13_1").state()).isEqualTo(RunState.CANCELLED);
    assertThat(Fixtures.read(temp.resolve("squeue.args")))
        .isEqualTo("-h -r -o %F|%K|%T|%M --jobs=10,12,13,14\n");
    assertThat(Fixtures.read(temp.resolve("sacct.args")))
        .isEqualTo("-P -n -X -o JobID,State,Elapsed -j 10,13,14\n");
  }

  @Test
  void withoutAccountingScontrolAnswersAndAnUnknownJobIsLeftOut() throws Exception {
    printing("squeue", "");
    standIn("sacct", "echo 'Slurm accounting storage is disabled' >&2; exit 1");
    standIn(
        "scontrol",
        "case \"$4\" in\n"
            + "10) echo 'JobId=10 JobName=r8 UserId=ada(1000) JobState=TIMEOUT Reason=TimeLimit RunTime=00:10:01 TimeLimit=00:10:00' ;;\n"
            + "13) echo 'JobId=13 ArrayJobId=13 ArrayTaskId=2 JobName=a JobState=PENDING RunTime=00:00:00'\n"
            + "    echo 'JobId=15 ArrayJobId=13 ArrayTaskId=0 JobName=a JobState=OUT_OF_MEMORY RunTime=00:00:07'\n"
            + "    echo 'JobId=16 ArrayJobId=13 ArrayTaskId=1 JobName=a JobState=COMPLETED RunTime=1-00:00:07' ;;\n"
            + "*) echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1 ;;\nesac");

    Map<String, ObservedJob> jobs = observer().observe(KEYS);

    assertThat(jobs)
        .containsEntry("10", new ObservedJob("TIMEOUT", "00:10:01", "scontrol"))
        .containsEntry("13_0", new ObservedJob("OUT_OF_MEMORY", "00:00:07", "scontrol"))
        .containsEntry("13_1", new ObservedJob("COMPLETED", "1-00:00:07", "scontrol"))
        .containsEntry("13_2", new ObservedJob("PENDING", "00:00:00", "scontrol"))
        .doesNotContainKeys("12", "14", "15", "16");
  }

  @Test
  void aFailingScontrolIsAnError() throws Exception {
    printing("squeue", "");
    standIn("sacct", "exit 1");
    standIn(
        "scontrol",
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
