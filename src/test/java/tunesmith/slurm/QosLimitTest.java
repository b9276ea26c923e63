package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default queue cap from a stand-in sacctmgr that answers the two questions QosLimit asks (the
 * user's default QoS, then its MaxSubmitPU) from files, and notes each call's arguments.
 */
class QosLimitTest {
  @TempDir Path temp;

  /**
   * A client whose sacctmgr prints {@code defaultQos} for the association, {@code limit} for it.
   */
  private SlurmClient sacctmgr(String defaultQos, String limit, int exitCode) throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Files.writeString(temp.resolve("assoc"), defaultQos);
    Files.writeString(temp.resolve("qos"), limit);
    Path script = bin.resolve("sacctmgr");
    Files.writeString(
        script,
        "#!/bin/bash\necho \"$*\" >> "
            + temp.resolve("calls")
            + "\n[ "
            + exitCode
            + " -eq 0 ] || { echo 'sacctmgr: error: Problem talking to the database' >&2; exit "
            + exitCode
            + "; }\ncase \"$*\" in *' assoc '*) cat "
            + temp.resolve("assoc")
            + " ;; *' qos '*) cat "
            + temp.resolve("qos")
            + " ;; esac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new SlurmClient(Map.of("PATH", bin + ":/usr/bin:/bin"), temp);
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(temp.resolve("calls"));
  }

  @Test
  void theLimitOfTheUsersDefaultQos() throws IOException {
    SlurmClient client = sacctmgr("gpu-short\n", "50\n", 0);

    assertThat(QosLimit.maxSubmitJobsPerUser(client, "ada")).hasValue(50);
    assertThat(calls())
        .containsExactly(
            "-n -P show assoc where user=ada format=DefaultQOS",
            "-n -P show qos where name=gpu-short format=MaxSubmitPU");
  }

  @Test
  void withoutADefaultQosTheNormalOne() throws IOException {
    SlurmClient client = sacctmgr("\n", "200\n", 0);

    assertThat(QosLimit.maxSubmitJobsPerUser(client, "ada")).hasValue(200);
    assertThat(calls().get(1)).isEqualTo("-n -P show qos where name=normal format=MaxSubmitPU");
  }

  @Test
  void noCapWhereTheQosHasNoLimitOrSacctmgrCannotSay() throws IOException {
    assertThat(QosLimit.maxSubmitJobsPerUser(sacctmgr("normal\n", "\n", 0), "ada")).isEmpty();
    assertThat(QosLimit.maxSubmitJobsPerUser(sacctmgr("normal\n", "0\n", 0), "ada")).isEmpty();
    assertThat(QosLimit.maxSubmitJobsPerUser(sacctmgr("normal\n", "50\n", 1), "ada")).isEmpty();
    SlurmClient none = new SlurmClient(Map.of("PATH", temp.resolve("nowhere").toString()), temp);
    assertThat(QosLimit.maxSubmitJobsPerUser(none, "ada")).isEqualTo(OptionalInt.empty());
  }
}
