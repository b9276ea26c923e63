package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/** A scaffold that overwrites hand edits says what it discarded, not only "(updated)" (23.9). */
class ScaffoldSaysWhatItReplacedTest {
  @TempDir Path temp;

  @Test
  void handEditsAreNamedKeyByKeyInTheReportTheJsonAndTheLog() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Path run = experiment.resolve("rank8_lr1e-5");
    Path setup = run.resolve("setup_finetune.yaml");
    Files.writeString(setup, Files.readString(setup).replace("lr: 1e-5", "lr: 3e-5"));
    Path script = run.resolve("finetune.slurm");
    Files.writeString(script, Files.readString(script) + "echo my own line\n");

    CliResult text = Expect.succeeded(Cli.run(experiment, "scaffold"));

    assertThat(text.out())
        .contains("✓ rank8_lr1e-5/ (updated)\n  - replaced setup_finetune.yaml lr: found 3e-5")
        .contains("echo my own line")
        .contains("✓ rank8_lr5e-5/ (unchanged)\n✓");
    assertThat(Fixtures.read(experiment.resolve("scaffold-torchtune.log")))
        .contains("replaced setup_finetune.yaml lr: found 3e-5");

    Files.writeString(setup, Files.readString(setup).replace("lr: 1e-5", "lr: 3e-5"));
    CliResult json = Expect.succeeded(Cli.run(experiment, "scaffold", "--json"));
    List<?> discarded = (List<?>) Json.at(Json.parseObject(json.out()), "runs.0.discarded");
    assertThat(discarded).singleElement().asString().contains("lr: found 3e-5");
  }
}
