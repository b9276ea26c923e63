package tunesmith.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.environment.LocalSettingsReaderTest.parse;

import org.junit.jupiter.api.Test;

class ModuleLinesTest {

  @Test
  void takesTheFirstFencedBlockUnderModuleSystemWithoutBlanksOrComments() {
    LocalSettings settings =
        parse(
            """
                ```bash
                echo not under the heading
                ```
                ## Module System (Della)

                Load these before anything else:

                ~~~
                # the conda module
                  module purge

                module load anaconda3/2025.6\s\s
                ~~~

                ```bash
                module load cuda
                ```
                """);

    assertThat(settings.moduleLines())
        .containsExactly("module purge", "module load anaconda3/2025.6");
  }

  @Test
  void aBlockUnderASubheadingOfModuleSystemCounts() {
    LocalSettings settings =
        parse(
            """
                ## module system
                ### Della
                ```
                module load anaconda3/2025.6
                ```
                """);

    assertThat(settings.moduleLines()).containsExactly("module load anaconda3/2025.6");
  }

  @Test
  void noBlockAfterTheSectionEnds() {
    LocalSettings settings =
        parse(
            """
                ## Module System
                None needed.
                ## Other
                ```
                module load something
                ```
                """);

    assertThat(settings.moduleLines()).isEmpty();
  }
}
