package tunesmith.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;

class LocalSettingsReaderTest {
  private static final Path FILE = Path.of("claude.local.md");

  @TempDir Path temp;

  @Test
  void readsTheShippedExample() throws IOException {
    Path file = copyFixture("cap_lora_lr_sweep.claude.local.md");
    InputProblems problems = new InputProblems();

    LocalSettings settings = LocalSettingsReader.read(file, problems);

    assertThat(problems.list()).isEmpty();
    assertThat(settings.source()).contains(file);
    assertThat(settings.condaEnv()).contains("cruijff");
    assertThat(settings.account()).contains("msalganik");
    assertThat(settings.partition()).isEmpty();
    assertThat(settings.constraint()).contains("gpu80");
    assertThat(settings.time()).contains("0:59:00");
    assertThat(settings.gpus()).contains("1");
    assertThat(settings.myWandbProject()).contains("cruijff_kit");
    assertThat(settings.workingDir()).contains("/scratch/gpfs/MSALGANIK/niznik/GitHub/cruijff_kit");
    assertThat(settings.modelsDir()).contains("/scratch/gpfs/MSALGANIK/pretrained-llms");
    assertThat(settings.username()).contains("niznik");
    assertThat(settings.scratchDir()).contains("/scratch/gpfs/MSALGANIK/niznik");
    assertThat(settings.moduleLines()).containsExactly("module load anaconda3/2025.6");
    // Only Partition warns: the GitHub username and W&B entity placeholders are not ours.
    assertThat(settings.warnings())
        .extracting(Warning::message)
        .singleElement()
        .asString()
        .contains(file + ":18:", "Partition", "`(none)`");
  }

  @Test
  void placeholdersAreInputErrorsAndBlanksWarnings() throws IOException {
    InputProblems problems = new InputProblems();
    Path file = copyFixture("all_placeholders.claude.local.md");

    LocalSettings settings = LocalSettingsReader.read(file, problems);

    // Each placeholder of a setting tunesmith reads, with its line:column and field; the Cluster,
    // GitHub and W&B entity bullets are not read, and the module line is commented out.
    assertThat(problems.list())
        .extracting(InputProblem::render)
        .satisfiesExactly(
            problem -> assertThat(problem).contains(file + ":6:", "Username", "<your_username>"),
            problem ->
                assertThat(problem)
                    .contains(file + ":7:", "Working directory", "<your_working_directory>"),
            problem ->
                assertThat(problem).contains(file + ":11:", "Models directory", "<path_to_models>"),
            problem ->
                assertThat(problem)
                    .contains(file + ":15:", "Account", "<your_slurm_account>", "placeholder"),
            problem ->
                assertThat(problem)
                    .contains(file + ":20:", "Default conda environment", "<your_conda_env>"),
            problem ->
                assertThat(problem)
                    .contains(file + ":35:", "Default project", "<your_wandb_project>"));
    assertThat(values(settings)).allMatch(Optional::isEmpty);
    assertThat(settings.warnings())
        .extracting(Warning::message)
        .satisfiesExactly(
            message -> assertThat(message).contains(":16:", "Partition", "`(none)`"),
            message -> assertThat(message).contains(":17:", "Constraint", "`(leave empty)`"),
            message -> assertThat(message).contains(":18:", "Default time", "an empty value"),
            message -> assertThat(message).contains(":19:", "Default GPUs", "`none`"));
  }

  @Test
  void yourAndChangeMeAreInputErrorsToo() {
    InputProblems problems = new InputProblems();

    LocalSettings settings =
        LocalSettingsReader.parse(
            Path.of("claude.local.md"),
            """
            ## SLURM Defaults
            - **Account**: `YOUR_ACCOUNT`
            - **Partition**: CHANGE_ME
            - **Constraint**: `gpu80`

            ## Module System

            ```bash
            module load anaconda3/2025.6 <your_cuda_module>
            ```
            """,
            problems);

    assertThat(problems.list())
        .extracting(InputProblem::render)
        .satisfiesExactly(
            problem ->
                assertThat(problem).contains("claude.local.md:2:", "Account", "YOUR_ACCOUNT"),
            problem -> assertThat(problem).contains("claude.local.md:3:", "Partition", "CHANGE_ME"),
            problem ->
                assertThat(problem)
                    .contains("claude.local.md:9:30:", "Module System", "<your_cuda_module>"));
    assertThat(settings.account()).isEmpty();
    assertThat(settings.constraint()).contains("gpu80");
  }

  @Test
  void fileWithoutOurLabelsSetsNothingAndDoesNotWarn() throws IOException {
    InputProblems problems = new InputProblems();

    LocalSettings settings =
        LocalSettingsReader.read(copyFixture("no_settings.claude.local.md"), problems);

    assertThat(problems.list()).isEmpty();
    assertThat(values(settings)).allMatch(Optional::isEmpty);
    assertThat(settings.moduleLines())
        .as("the code block is not under a Module System heading")
        .isEmpty();
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void emptyDocumentSetsNothing() {
    InputProblems problems = new InputProblems();

    LocalSettings settings = LocalSettingsReader.parse(FILE, "", problems);

    assertThat(problems.list()).isEmpty();
    assertThat(values(settings)).allMatch(Optional::isEmpty);
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void badGpusAndTimeAreInputProblemsWithTheirLines() throws IOException {
    Path file = copyFixture("bad_values.claude.local.md");
    InputProblems problems = new InputProblems();

    LocalSettings settings = LocalSettingsReader.read(file, problems);

    assertThat(problems.list())
        .containsExactlyInAnyOrder(
            new InputProblem(
                file,
                "SLURM Defaults / Default time",
                6,
                21,
                "`an hour`",
                ValueFormat.SLURM_TIME.expected()),
            new InputProblem(
                file,
                "SLURM Defaults / Default GPUs",
                7,
                21,
                "`two`",
                "a whole number of GPUs, e.g. `1`"));
    assertThat(settings.time()).isEmpty();
    assertThat(settings.gpus()).isEmpty();
    assertThat(settings.account()).contains("msalganik");
  }

  @Test
  void missingFileIsAnInputProblem() {
    Path missing = temp.resolve("claude.local.md");
    InputProblems problems = new InputProblems();

    LocalSettings settings = LocalSettingsReader.read(missing, problems);

    assertThat(problems.list())
        .singleElement()
        .returns(missing, InputProblem::file)
        .returns("no such file", InputProblem::found);
    assertThat(settings.source()).contains(missing);
    assertThat(values(settings)).allMatch(Optional::isEmpty);
  }

  /** A NUL in a directory made Path.of throw (an internal error); now it is the user's input. */
  @Test
  void aDirectoryWithAControlCharacterIsAnInputProblem() throws IOException {
    for (String label : List.of("Scratch directory", "Working directory", "Models directory")) {
      Path file = temp.resolve("claude.local.md");
      Files.writeString(file, "# HPC\n\n- **" + label + "**: /scratch/a\u0000b\n");
      InputProblems problems = new InputProblems();

      LocalSettings settings = LocalSettingsReader.read(file, problems);

      assertThat(problems.list())
          .as(label)
          .singleElement()
          .returns(file, InputProblem::file)
          .returns(3, InputProblem::line)
          .returns("a directory path without control characters", InputProblem::expected);
      assertThat(values(settings)).allMatch(Optional::isEmpty);
    }
  }

  @Test
  void nonUtf8FileIsAnInputProblem() throws IOException {
    Path file = temp.resolve("claude.local.md");
    Files.write(file, new byte[] {'-', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    InputProblems problems = new InputProblems();

    LocalSettingsReader.read(file, problems);

    assertThat(problems.list())
        .singleElement()
        .returns("bytes that are not UTF-8", InputProblem::found);
  }

  @Test
  void directoryIsAnInputProblemNotAnException() {
    InputProblems problems = new InputProblems();

    LocalSettingsReader.read(temp, problems);

    assertThat(problems.list()).hasSize(1);
  }

  @Test
  void oversizedFileIsAnInputProblem() throws IOException {
    Path file = temp.resolve("claude.local.md");
    Files.write(file, new byte[LocalSettingsReader.MAX_BYTES + 1]);
    InputProblems problems = new InputProblems();

    LocalSettingsReader.read(file, problems);

    assertThat(problems.list())
        .singleElement()
        .extracting(InputProblem::found)
        .asString()
        .startsWith("a file of");
  }

  @Test
  void byteOrderMarkDoesNotHideTheFirstHeading() throws IOException {
    Path file = temp.resolve("claude.local.md");
    Files.writeString(
        file, "\uFEFF## SLURM Defaults\n\n- **Account**: `acct`\n", StandardCharsets.UTF_8);

    LocalSettings settings = LocalSettingsReader.read(file, new InputProblems());

    assertThat(settings.account()).contains("acct");
  }

  @Test
  void windowsLineEndingsAreRead() {
    LocalSettings settings =
        parse("## SLURM Defaults\r\n\r\n- **Account**: acct\r\n- **Default GPUs**: `2`\r\n");

    assertThat(settings.account()).contains("acct");
    assertThat(settings.gpus()).contains("2");
  }

  private Path copyFixture(String name) throws IOException {
    Path target = temp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/environment/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      Files.copy(in, target);
    }
    return target;
  }

  static LocalSettings parse(String markdown) {
    InputProblems problems = new InputProblems();
    LocalSettings settings = LocalSettingsReader.parse(FILE, markdown, problems);
    assertThat(problems.list()).as("input problems").isEmpty();
    return settings;
  }

  static List<Optional<String>> values(LocalSettings settings) {
    return List.of(
        settings.condaEnv(),
        settings.account(),
        settings.partition(),
        settings.constraint(),
        settings.time(),
        settings.gpus(),
        settings.myWandbProject(),
        settings.workingDir(),
        settings.modelsDir(),
        settings.username());
  }
}
