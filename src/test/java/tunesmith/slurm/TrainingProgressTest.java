package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingProgressTest {
  @Test
  void theLastProgressLineOfTorchtunesBarWins() {
    String output =
        "INFO:torchtune.utils._logging:Model is initialized\n"
            + "\r  0%|          | 0/50 [00:00<?, ?it/s]"
            + "\r1|1|Loss: 2.345678:   2%|▏   | 1/50 [00:01<00:49]"
            + "\r1|2|Loss: 1.9e-01:   4%|▍   | 2/50 [00:02<00:48]\n"
            + "\r2|52|Loss: 0.6931471824645996:   4%|▍   | 2/50\n"
            + "INFO: Saving checkpoint\n";
    TrainingProgress last = TrainingProgress.last(output).orElseThrow();
    assertThat(last).isEqualTo(new TrainingProgress(2, 52, "0.6931471824645996"));
    assertThat(last.describe()).isEqualTo("epoch 2, step 52, loss 0.6931471824645996");
  }

  @Test
  void nanIsALossTooAndNoBarIsNoProgress() {
    assertThat(TrainingProgress.last("1|3|Loss: nan")).contains(new TrainingProgress(1, 3, "nan"));
    assertThat(TrainingProgress.last("loading model\nLoss: 3\n")).isEmpty();
  }
}
