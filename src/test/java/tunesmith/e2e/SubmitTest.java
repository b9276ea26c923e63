package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/** submit (SPEC section 8) against a fake sbatch named by the SBATCH variable. */
class SubmitTest {
    private static final String LOG = "scaffold-torchtune.log";

    @TempDir
    Path temp;

    @Test
    void dryRunPrintsOneSbatchCommandPerRunAndRecordsNothing() {
        Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
        Map<String, Fixtures.FileState> before = Fixtures.snapshot(s.experiment);

        CliResult result = Expect.succeeded(Cli.run(s.experiment, "submit", "--dry-run"));

        for (String run : LrSweepScaffoldTest.RUNS) {
            assertThat(result.out().lines()).as(run).anyMatch(line -> line.contains("sbatch") && line.contains("--chdir")
                    && line.contains(s.runDir(run) + "/finetune.slurm"));
        }
        assertThat(Fixtures.without(Fixtures.snapshot(s.experiment), LOG)).isEqualTo(Fixtures.without(before, LOG));
    }

    @Test
    void submitRecordsTheJobAndRefusesToSubmitTwice() throws IOException {
        Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
        Path calls = temp.resolve("sbatch.calls");
        Path sbatch = fake("sbatch", "printf '%s\\n' \"$*\" >> '" + calls + "'\necho 'Submitted batch job 4242'\n");
        Map<String, String> env = Cli.envWith("SBATCH", sbatch.toString());

        Expect.succeeded(Cli.run(s.experiment, env, "submit", "--runs", "rank8_lr1e-5"));

        Path record = s.runDir("rank8_lr1e-5").resolve(".tunesmith/submission.json");
        assertThat(String.valueOf(Json.parseObject(Fixtures.read(record)))).contains("4242");
        assertThat(s.runDir("rank8_lr5e-5").resolve(".tunesmith")).doesNotExist();
        List<String> first = Files.readAllLines(calls);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).contains("--chdir").contains(s.runDir("rank8_lr1e-5") + "/finetune.slurm");

        CliResult again = Cli.run(s.experiment, env, "submit", "--runs", "rank8_lr1e-5");
        Expect.noStackTrace(again);
        assertThat(Files.readAllLines(calls)).as("not submitted twice without --force\n%s", again.describe()).hasSize(1);
        assertThat(again.allOutput()).contains("rank8_lr1e-5");
    }

    @Test
    void aFailingSbatchIsExitCodeThreeWithItsOwnMessage() throws IOException {
        Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
        Path sbatch = fake("sbatch", "echo 'sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified' >&2\nexit 1\n");

        CliResult result = Expect.exitCode(Cli.run(s.experiment, Cli.envWith("SBATCH", sbatch.toString()), "submit"), 3);

        assertThat(result.err()).contains("Invalid account or account/partition combination specified");
    }

    @Test
    void aMissingSlurmIsExitCodeThree() {
        Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
        Map<String, String> env = Cli.envWith("PATH", temp.resolve("empty-bin").toString());

        Expect.exitCode(Cli.run(s.experiment, env, "submit"), 3);
        Expect.exitCode(Cli.run(s.experiment, Cli.envWith("SBATCH", temp.resolve("no-such-sbatch").toString()), "submit"), 3);
    }

    private Path fake(String name, String body) throws IOException {
        Path file = Files.createDirectories(temp.resolve("fake-bin")).resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
