package tunesmith.experiment;

/** Only fine-tuned runs are scaffolded; control runs evaluate a base model as it is. */
public enum RunType {
  FINE_TUNED("fine-tuned"),
  CONTROL("control");

  private final String yamlName;

  RunType(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }
}
