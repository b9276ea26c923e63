package tunesmith.evaluation;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a run is evaluated: a fine-tuned run per trained epoch, a control (the base model as it is)
 * and an eval-only run (an existing checkpoint) once each. See docs/EVALUATION.md.
 */
public enum EvalRunType {
  FINE_TUNED("fine-tuned", true),
  CONTROL("control", false),
  EVAL_ONLY("eval-only", true);

  private final String yamlName;
  private final boolean finetuned;

  EvalRunType(String yamlName, boolean finetuned) {
    this.yamlName = yamlName;
    this.finetuned = finetuned;
  }

  public String yamlName() {
    return yamlName;
  }

  /** The {@code is_finetuned} metadata: an eval-only checkpoint was fine-tuned elsewhere. */
  public boolean finetuned() {
    return finetuned;
  }

  /** Whether its cells have epochs (and wait for a training job). */
  public boolean trained() {
    return this == FINE_TUNED;
  }

  public static Optional<EvalRunType> byYamlName(String name) {
    return Arrays.stream(values()).filter(type -> type.yamlName.equals(name)).findFirst();
  }
}
