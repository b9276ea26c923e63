package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * {@code status --watch} with a squeue stand-in that says RUNNING once, then COMPLETED: on a
 * terminal (the launcher's TUNESMITH_STDOUT_TTY) the table is redrawn in place, elsewhere it is
 * printed page after page; either way the job's progress is read from its output and the change
 * goes into run-torchtune.log.
 */
class StatusWatchTest {
  @TempDir Path temp;

  @Test
  void onATerminalTheTableIsRedrawnInPlace() throws Exception {
    CliResult terminal = watch("tty", true);
    assertThat(terminal.out()).contains("\u001b[H\u001b[2J").contains("| RUNNING |");
    CliResult pipe = watch("pipe", false);
    assertThat(pipe.out()).doesNotContain("\u001b[").contains("| RUNNING |", "| COMPLETED |");
  }

  private CliResult watch(String name, boolean tty) throws Exception {
    Path root = temp.resolve(name);
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Path output = root.resolve("ck-outputs/slurm_six/ck-out-r8_lr1e-5");
    Files.createDirectories(output);
    Files.writeString(output.resolve("slurm-41.out"), "1|1|Loss: 2.5\r1|2|Loss: 1.5\n");
    Files.createDirectories(experiment.resolve("r8_lr1e-5/.tunesmith"));
    Fixtures.write(
        experiment.resolve("r8_lr1e-5/.tunesmith/submission.json"),
        "{\"run\": \"r8_lr1e-5\", \"job_id\": \"41\", \"output_dir\": \"" + output + "/\"}");
    Path calls = root.resolve("calls");
    Path squeue = root.resolve("squeue");
    Files.writeString(
        squeue,
        "#!/bin/bash\n# TEST STAND-IN for squeue: RUNNING on the first call, then COMPLETED.\n"
            + "if [ -e "
            + calls
            + " ]; then echo '41|N/A|COMPLETED|0:09|'; else touch "
            + calls
            + "; echo '41|N/A|RUNNING|0:05|'; fi\n");
    Files.setPosixFilePermissions(squeue, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env =
        tty
            ? Cli.envWith("SQUEUE", squeue.toString(), "TUNESMITH_STDOUT_TTY", "1")
            : Cli.envWith("SQUEUE", squeue.toString());
    CliResult result = Cli.run(experiment, env, "status", "--watch", "--interval", "0.01");
    Expect.succeeded(result);
    assertThat(result.out()).contains("epoch 1, step 2, loss 1.5");
    assertThat(Fixtures.read(experiment.resolve("run-torchtune.log")))
        .contains(
            "STATE_CHANGE: r8_lr1e-5\nDetails: job 41: UNKNOWN -> RUNNING",
            "Details: job 41: RUNNING -> COMPLETED");
    return result;
  }
}
