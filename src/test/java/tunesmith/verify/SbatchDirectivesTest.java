package tunesmith.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SbatchDirectivesTest {

  @Test
  void readsLongOptionsWithEqualsOrSpace() {
    Map<String, String> options =
        SbatchDirectives.parse(
            """
                #!/bin/bash
                #SBATCH --job-name=r1
                #SBATCH --mem 40G
                #SBATCH   --time=00:15:00   # a trailing comment
                #SBATCH --exclusive
                #SBATCH -p short
                # an ordinary comment
                ##SBATCH --partition=disabled

                #SBATCH --gres=gpu:1
                echo start
                """);
    assertThat(options)
        .containsEntry("job-name", "r1")
        .containsEntry("mem", "40G")
        .containsEntry("time", "00:15:00")
        .containsEntry("exclusive", "")
        .containsEntry("gres", "gpu:1")
        .doesNotContainKey("partition")
        .doesNotContainKey("p");
  }

  @Test
  void stopsAtTheFirstCommandLikeSbatch() {
    Map<String, String> options =
        SbatchDirectives.parse(
            """
                #!/bin/bash
                #SBATCH --mem=40G
                module load anaconda3
                #SBATCH --partition=x
                #SBATCH --mem=80G
                """);
    assertThat(options).containsEntry("mem", "40G").doesNotContainKey("partition");
  }

  @Test
  void emptyScriptHasNoOptions() {
    assertThat(SbatchDirectives.parse("")).isEmpty();
    assertThat(SbatchDirectives.parse("echo hi\n#SBATCH --mem=1G\n")).isEmpty();
  }

  @Test
  void laterDirectiveOfTheSameNameWins() {
    assertThat(SbatchDirectives.parse("#!/bin/bash\n#SBATCH --mem=1G\n#SBATCH --mem=2G\n"))
        .containsEntry("mem", "2G");
  }
}
