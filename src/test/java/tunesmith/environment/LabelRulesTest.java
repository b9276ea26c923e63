package tunesmith.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.environment.LocalSettingsReaderTest.parse;

import org.junit.jupiter.api.Test;
import tunesmith.problem.Warning;

/** Which bullets set what: labels, values, headings, repeats. */
class LabelRulesTest {

  @Test
  void labelsIgnoreCaseAndSpacing() {
    LocalSettings settings =
        parse(
            """
                ## slurm   DEFAULTS
                - **ACCOUNT**: `acct`
                - **default  gpus**: `2`
                - **Environment Name**: `env`
                """);

    assertThat(settings.account()).contains("acct");
    assertThat(settings.gpus()).contains("2");
    assertThat(settings.condaEnv()).contains("env");
  }

  @Test
  void bareValuesAndColonInsideTheBoldAreRead() {
    LocalSettings settings =
        parse(
            """
                - **Partition:** gpu-short
                - **Constraint**:gpu80
                - **Working directory**: /scratch/me/_tmp_/work
                """);

    assertThat(settings.partition()).contains("gpu-short");
    assertThat(settings.constraint()).contains("gpu80");
    assertThat(settings.workingDir())
        .as("underscores are not emphasis in a path")
        .contains("/scratch/me/_tmp_/work");
  }

  @Test
  void aLeadingCodeSpanIsTheValueAndTheRestIsComment() {
    LocalSettings settings =
        parse(
            """
                - **Default conda environment**: `cruijff` (the default one)
                - **Partition**: gpu (or use `cpu` for tests)
                """);

    assertThat(settings.condaEnv()).contains("cruijff");
    assertThat(settings.partition()).contains("gpu (or use `cpu` for tests)");
  }

  @Test
  void valueEndsAtItsLine() {
    LocalSettings settings =
        parse(
            """
                - **Constraint**: `gpu80`
                  Only the A100 nodes have 80 GB.
                """);

    assertThat(settings.constraint()).contains("gpu80");
  }

  @Test
  void boldWithoutColonAndOtherBulletsAreProse() {
    LocalSettings settings =
        parse(
            """
                - **Partition** is chosen per run
                - Partition: gpu
                - *Partition*: gpu
                """);

    assertThat(settings.partition()).isEmpty();
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void bulletsInsideCodeBlocksAreNotSettings() {
    LocalSettings settings =
        parse(
            """
                ```markdown
                - **Partition**: `example`
                ```

                    - **Constraint**: `indented-example`
                """);

    assertThat(settings.partition()).isEmpty();
    assertThat(settings.constraint()).isEmpty();
  }

  @Test
  void nestedBulletsAndSubheadingsStillCount() {
    LocalSettings settings =
        parse(
            """
                ## SLURM Defaults
                ### Della
                - Cluster details
                  - **Account**: `acct`
                """);

    assertThat(settings.account()).contains("acct");
  }

  @Test
  void accountCountsOnlyUnderSlurmDefaults() {
    LocalSettings settings =
        parse(
            """
                ## Cloud
                - **Account**: `aws-account`
                ## SLURM Defaults
                - **Partition**: `gpu`
                """);

    assertThat(settings.account()).isEmpty();
    assertThat(settings.partition()).contains("gpu");
  }

  @Test
  void aLaterHeadingAtTheSameLevelEndsTheSection() {
    LocalSettings settings =
        parse(
            """
                ## SLURM Defaults
                - **Partition**: `gpu`
                ## Other
                - **Account**: `not-slurm`
                """);

    assertThat(settings.account()).isEmpty();
  }

  @Test
  void defaultProjectCountsOnlyUnderWeightsAndBiases() {
    LocalSettings elsewhere =
        parse(
            """
                ## Project notes
                - **Default project**: `thesis`
                """);
    LocalSettings underWandb =
        parse(
            """
                ## Weights & Biases
                - **Default project**: `cruijff_kit`
                """);

    assertThat(elsewhere.myWandbProject()).isEmpty();
    assertThat(underWandb.myWandbProject()).contains("cruijff_kit");
  }

  @Test
  void githubAndWandbSectionsDoNotSetClusterSettings() {
    LocalSettings settings =
        parse(
            """
                ## GitHub Configuration
                - **Username**: `octocat`
                - **Working directory**: `/home/octocat/src`
                ## Weights & Biases
                - **Username**: `wandb-user`
                ## HPC Environment
                - **Username**: `niznik`
                """);

    assertThat(settings.username()).contains("niznik");
    assertThat(settings.workingDir()).isEmpty();
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void usernameComesFromTheFirstPlaceItIsFilled() {
    LocalSettings settings =
        parse(
            """
                ## HPC Environment
                - **Username**: (none)
                ## Cluster access
                - **Username**: `niznik`
                """);

    assertThat(settings.username()).contains("niznik");
    assertThat(settings.warnings()).as("a blank filled elsewhere is not worth a warning").isEmpty();
  }

  @Test
  void aSecondDifferentValueIsIgnoredWithAWarning() {
    LocalSettings settings =
        parse(
            """
                - **Default conda environment**: `cruijff`
                - **Environment name**: `other`
                - **Partition**: `gpu`
                - **Partition**: `gpu`
                """);

    assertThat(settings.condaEnv()).contains("cruijff");
    assertThat(settings.partition()).contains("gpu");
    assertThat(settings.warnings())
        .extracting(Warning::message)
        .singleElement()
        .asString()
        .contains("claude.local.md:2:", "Environment name", "`other`", "`cruijff`", "line 1");
  }

  @Test
  void unfilledValuesWarnOnlyForSettingsWeRead() {
    LocalSettings settings =
        parse(
            """
                - **Cluster**: <your_cluster>
                - **Constraint**: ``
                - **Partition**: NONE
                - **Default time**: `(Leave Empty)`
                """);

    assertThat(LocalSettingsReaderTest.values(settings)).allMatch(java.util.Optional::isEmpty);
    assertThat(settings.warnings())
        .extracting(Warning::message)
        .satisfiesExactly(
            message -> assertThat(message).contains(":2:", "Constraint"),
            message -> assertThat(message).contains(":3:", "Partition"),
            message -> assertThat(message).contains(":4:", "Default time"));
  }

  @Test
  void shellHostileValuesAreReturnedForTheRenderStageToJudge() {
    LocalSettings settings =
        parse(
            """
                - **Partition**: `gpu; rm -rf ~`
                - **Username**:   $(whoami)  \s
                """);

    assertThat(settings.partition()).contains("gpu; rm -rf ~");
    assertThat(settings.username()).contains("$(whoami)");
  }
}
