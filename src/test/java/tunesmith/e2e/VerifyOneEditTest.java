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

/** One edit is reported once, as the file holds it (issue 23.10). */
class VerifyOneEditTest {
  @TempDir Path temp;

  @Test
  void anEditedLearningRateIsOneMismatchInTheFilesOwnFormat() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Path finetune = experiment.resolve("rank8_lr1e-5/finetune.yaml");
    String text = Files.readString(finetune);
    assertThat(text).contains("  lr: 1.0e-05\n");
    Files.writeString(finetune, text.replace("  lr: 1.0e-05\n", "  lr: 3.0e-05\n"));

    CliResult verify = Expect.exitCode(Cli.run(experiment, "verify", "--json"), 1);

    List<?> mismatches = (List<?>) Json.at(Json.parseObject(verify.out()), "runs.0.mismatches");
    assertThat(mismatches).as(verify.out()).hasSize(1);
    assertThat(verify.err())
        .contains("finetune.yaml optimizer.lr: found 3.0e-05, expected 1.0e-05")
        .doesNotContain("3.0E-5", "0.00001", "designed lr");
  }
}
