package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * Two experiments under one parent whose runs write to the same output_dir: plan and scaffold warn
 * before anything is written (issue 23.8; docs/FILES.md).
 */
class SharedOutputDirsTest {
  @TempDir Path temp;

  /** A second copy of the experiment beside the first, under the same parent. */
  private Path sibling() throws IOException {
    Path copy = Fixtures.experiment("lr_sweep", temp.resolve("elsewhere"));
    return Files.move(copy, temp.resolve("lr_sweep_again"));
  }

  @Test
  void aSiblingExperimentWritingToTheSameOutputDirIsAWarning() throws IOException {
    Path first = Fixtures.experiment("lr_sweep", temp);
    Path second = sibling();
    Expect.succeeded(Cli.run(first, "scaffold", "-q"));

    CliResult plan = Expect.succeeded(Cli.run(second, "plan"));
    CliResult scaffold = Expect.succeeded(Cli.run(second, "scaffold"));

    for (CliResult result : new CliResult[] {plan, scaffold}) {
      assertThat(result.out())
          .contains(
              "rank8_lr1e-5: output_dir "
                  + "/scratch/gpfs/MSALGANIK/niznik/ck-outputs/cap_4L_lora_lr_sweep_2025-10-22/ck-out-rank8_lr1e-5/"
                  + " is also the output_dir of run rank8_lr1e-5 of the experiment "
                  + first);
    }
  }

  @Test
  void aSiblingWithItsOwnOutputDirsIsNoWarning() throws IOException {
    Path first = Fixtures.experiment("lr_sweep", temp);
    Path second = sibling();
    Path summary = second.resolve("experiment_summary.yaml");
    String text = Files.readString(summary);
    String base =
        "base_directory: /scratch/gpfs/MSALGANIK/niznik/ck-outputs/cap_4L_lora_lr_sweep_2025-10-22";
    assertThat(text).contains(base);
    Files.writeString(summary, text.replace(base, base + "_b"));
    Expect.succeeded(Cli.run(first, "scaffold", "-q"));

    CliResult plan = Expect.succeeded(Cli.run(second, "plan"));

    assertThat(plan.out()).doesNotContain("is also the output_dir");
  }
}
