package tunesmith.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueRuleTest {

  private static void accepts(ValueRule rule, String text) {
    assertThat(rule.check(text)).as("%s should accept [%s]", rule, text).isEmpty();
  }

  private static void rejects(ValueRule rule, String text) {
    assertThat(rule.check(text)).as("%s should reject [%s]", rule, text).contains(rule.expected());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rank8_lr1e-5",
        "8B_r32_lr1e-5",
        "a",
        "a.b",
        "a+b=c",
        "Llama-3.2-1B-Instruct_base",
        "...x",
        "A_Z-0.9"
      })
  void runNameAccepted(String name) {
    accepts(ValueRule.RUN_NAME, name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "a/b",
        "a b",
        "a;b",
        "a$b",
        "a'b",
        "a\"b",
        "a`b",
        "a\nb",
        "a\\b",
        "a:b",
        "a*b",
        "größe",
        "tab\tname"
      })
  void runNameRejected(String name) {
    rejects(ValueRule.RUN_NAME, name);
  }

  @Test
  void runNameLengthLimitIs200() {
    accepts(ValueRule.RUN_NAME, "r".repeat(200));
    rejects(ValueRule.RUN_NAME, "r".repeat(201));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/scratch/gpfs/lab/data",
        "/scratch/$USER/data/",
        "/scratch/${USER}/x",
        "relative/dir",
        "~/models",
        "/a/b-c_d.e+f=g@h,i:j",
        "Llama-3.2-1B-Instruct"
      })
  void pathAccepted(String path) {
    accepts(ValueRule.PATH, path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a b/c",
        "/a'b",
        "/a\"b",
        "/a/$(rm -rf ~)",
        "/a/`id`",
        "/a;rm -rf /",
        "/a\nb",
        "/a\tb",
        "/a/$HOME",
        "/a/${HOME}",
        "/a|b",
        "/a&b",
        "/a>b",
        "/a*b",
        "",
        "/a\\b"
      })
  void pathRejected(String path) {
    rejects(ValueRule.PATH, path);
  }

  @Test
  void optionalPathAcceptsEmptyButNotShellSyntax() {
    accepts(ValueRule.OPTIONAL_PATH, "");
    accepts(ValueRule.OPTIONAL_PATH, "formatted");
    rejects(ValueRule.OPTIONAL_PATH, "a b");
    rejects(ValueRule.OPTIONAL_PATH, "$(x)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"00:15:00", "15", "10:30", "1-00", "2-12:30", "2-12:30:00", "100:00:00", "0-1"})
  void slurmTimeAccepted(String time) {
    accepts(ValueRule.SLURM_TIME, time);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1h",
        "00:15:00 ",
        " 00:15:00",
        "00:15:00;id",
        "1:2:3:4",
        "a",
        "1-",
        "-1",
        "1-2-3",
        "00:15:000",
        "$(date)"
      })
  void slurmTimeRejected(String time) {
    rejects(ValueRule.SLURM_TIME, time);
  }

  @ParameterizedTest
  @ValueSource(strings = {"16G", "40G", "320G", "32000M", "1024", "1T", "512K"})
  void slurmMemoryAccepted(String mem) {
    accepts(ValueRule.SLURM_MEMORY, mem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0G", "16 G", "16GB", "-1G", "16g;id", "G", "016G", "1.5G", "$MEM"})
  void slurmMemoryRejected(String mem) {
    rejects(ValueRule.SLURM_MEMORY, mem);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "gpu80", "nomig", "a100|h100", "gpu80&intel", "my_account.x-1", "[a100|h100]"})
  void slurmWordAccepted(String word) {
    accepts(ValueRule.SLURM_WORD, word);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"gpu 80", "x;y", "$(id)", "`id`", "a'b", "a\"b", "a\nb", "a$b", "a>b", "a b"})
  void slurmWordRejected(String word) {
    rejects(ValueRule.SLURM_WORD, word);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get_cosine_schedule_with_warmup",
        "my_pkg.sched.fn",
        "torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup",
        "a.b"
      })
  void lrSchedulerAccepted(String name) {
    accepts(ValueRule.LR_SCHEDULER, name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get_linear_schedule_with_warmup",
        "get_constant_schedule",
        "get_exponential_schedule",
        "cosine",
        "",
        "my-pkg.sched",
        "my_pkg.",
        ".fn",
        "my_pkg..fn",
        "my_pkg.sched.fn; id"
      })
  void lrSchedulerRejected(String name) {
    rejects(ValueRule.LR_SCHEDULER, name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{input}",
        "{input}\n",
        "Capitalize: {input}\n",
        "{input} and {output}",
        "${x} {input}"
      })
  void promptAccepted(String prompt) {
    accepts(ValueRule.PROMPT, prompt);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Capitalize: ", "{inputs}", "{ input }", "input", "{Input}", "{output}"})
  void promptRejected(String prompt) {
    rejects(ValueRule.PROMPT, prompt);
  }

  @ParameterizedTest
  @ValueSource(strings = {"all", "none", "ALL", "0", "0,2,4", "0, 2, 4", "[0, 2]"})
  void epochsToSaveAccepted(String text) {
    accepts(ValueRule.EPOCHS_TO_SAVE, text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "some", "-1", "0,-2", "a,b", "1,,2", "1.5", "0;2"})
  void epochsToSaveRejected(String text) {
    rejects(ValueRule.EPOCHS_TO_SAVE, text);
  }

  @Test
  void epochsToSaveCountsCheckpoints() {
    assertThat(EpochsToSave.parse("all").orElseThrow().checkpointCount(12, false)).isEqualTo(12);
    assertThat(EpochsToSave.parse("all").orElseThrow().checkpointCount(12, true)).isEqualTo(1);
    assertThat(EpochsToSave.parse("none").orElseThrow().checkpointCount(12, false)).isZero();
    assertThat(EpochsToSave.parse("0,2,4,40").orElseThrow().checkpointCount(5, false)).isEqualTo(3);
    assertThat(EpochsToSave.parse("0,2,4").orElseThrow().epochs()).containsExactly(0, 2, 4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "8", "8.0", "1e1", "\t3 "})
  void positiveIntegerAccepted(String text) {
    accepts(ValueRule.POSITIVE_INTEGER, text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "8.5", "eight", "", "1e-1"})
  void positiveIntegerRejected(String text) {
    rejects(ValueRule.POSITIVE_INTEGER, text);
  }

  @Test
  void numbersAndFractions() {
    accepts(ValueRule.POSITIVE_NUMBER, "1e-5");
    accepts(ValueRule.POSITIVE_NUMBER, "0.0003");
    rejects(ValueRule.POSITIVE_NUMBER, "0");
    rejects(ValueRule.POSITIVE_NUMBER, "-1e-5");
    rejects(ValueRule.POSITIVE_NUMBER, "fast");
    accepts(ValueRule.NON_NEGATIVE_NUMBER, "0");
    rejects(ValueRule.NON_NEGATIVE_NUMBER, "-0.01");
    accepts(ValueRule.FRACTION, "0.0");
    accepts(ValueRule.FRACTION, "0.99");
    rejects(ValueRule.FRACTION, "1");
    rejects(ValueRule.FRACTION, "1.5");
    rejects(ValueRule.FRACTION, "-0.1");
    accepts(ValueRule.NON_NEGATIVE_INTEGER, "0");
    rejects(ValueRule.NON_NEGATIVE_INTEGER, "-1");
    accepts(ValueRule.INTEGER, "-7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false", "yes", "no", "1", "0", "True", "NO"})
  void booleanAccepted(String text) {
    accepts(ValueRule.BOOLEAN, text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "maybe", "2", "y", "on"})
  void booleanRejected(String text) {
    rejects(ValueRule.BOOLEAN, text);
  }

  @Test
  void datasetTypesAndExtensions() {
    for (String type :
        new String[] {
          "chat_completion",
          "text_completion",
          "instruct_dataset",
          "chat_dataset",
          "text_completion_dataset"
        }) {
      accepts(ValueRule.DATASET_TYPE, type);
    }
    rejects(ValueRule.DATASET_TYPE, "chat");
    rejects(ValueRule.DATASET_TYPE, "alpaca_dataset");
    accepts(ValueRule.DATASET_EXT, ".json");
    accepts(ValueRule.DATASET_EXT, "/");
    rejects(ValueRule.DATASET_EXT, "json");
    rejects(ValueRule.DATASET_EXT, ".parquet");
  }

  @Test
  void environmentModulesAndRecipes() {
    accepts(ValueRule.ENVIRONMENT_NAME, "cruijff");
    accepts(ValueRule.ENVIRONMENT_NAME, "/home/ada/.conda/envs/tt-0.6");
    rejects(ValueRule.ENVIRONMENT_NAME, "env; id");
    rejects(ValueRule.ENVIRONMENT_NAME, "$(id)");
    accepts(ValueRule.MODULE_LIST, "anaconda3/2025.6");
    accepts(ValueRule.MODULE_LIST, "anaconda3/2025.6, cuda/12.4");
    rejects(ValueRule.MODULE_LIST, "cuda; id");
    rejects(ValueRule.MODULE_LIST, "cuda,");
    accepts(
        ValueRule.DOTTED_MODULE,
        "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable");
    rejects(ValueRule.DOTTED_MODULE, "recipe");
    rejects(ValueRule.DOTTED_MODULE, "a.b c");
  }

  @Test
  void everySetupKeyHasADefaultItsOwnRuleAccepts() {
    for (SetupKey key : SetupKeys.all()) {
      key.defaultText()
          .ifPresent(
              text ->
                  assertThat(key.rule().check(text))
                      .as("default of %s: [%s]", key.name(), text)
                      .isEmpty());
    }
  }

  @Test
  void learningRateParameterMeansLr() {
    assertThat(SetupKeys.forParameter("learning_rate").orElseThrow().name()).isEqualTo("lr");
    assertThat(SetupKeys.forParameter("lr").orElseThrow().name()).isEqualTo("lr");
    assertThat(SetupKeys.forParameter("lora_rank").orElseThrow().name()).isEqualTo("lora_rank");
    assertThat(SetupKeys.forParameter("lora_rnak")).isEmpty();
  }
}
