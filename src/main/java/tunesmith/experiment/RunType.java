package tunesmith.experiment;

/**
 * Only fine-tuned runs are scaffolded; control runs evaluate a base model as it is, eval-only runs
 * (cruijff_kit-0.3 format) a checkpoint trained elsewhere.
 */
public enum RunType {
  FINE_TUNED("fine-tuned"),
  CONTROL("control"),
  EVAL_ONLY("eval-only");

  private final String yamlName;

  RunType(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }
}
