package tunesmith.keys;

import java.util.Arrays;
import java.util.Optional;

/** The dataset builders tunesmith knows, and where each one lives. */
public enum DatasetType {
  CHAT_COMPLETION(
      "chat_completion",
      "cruijff_kit.tools.torchtune.datasets.chat_completion.chat_completion_dataset",
      true),
  TEXT_COMPLETION(
      "text_completion",
      "cruijff_kit.tools.torchtune.datasets.text_completion.text_completion_dataset",
      false),
  INSTRUCT_DATASET("instruct_dataset", "torchtune.datasets.instruct_dataset", true),
  CHAT_DATASET("chat_dataset", "torchtune.datasets.chat_dataset", true),
  TEXT_COMPLETION_DATASET(
      "text_completion_dataset", "torchtune.datasets.text_completion_dataset", false);

  private final String setupName;
  private final String component;
  private final boolean takesSystemPrompt;

  DatasetType(String setupName, String component, boolean takesSystemPrompt) {
    this.setupName = setupName;
    this.component = component;
    this.takesSystemPrompt = takesSystemPrompt;
  }

  public static Optional<DatasetType> fromName(String name) {
    return Arrays.stream(values()).filter(type -> type.setupName.equals(name)).findFirst();
  }

  public String setupName() {
    return setupName;
  }

  public String component() {
    return component;
  }

  /** text_completion builders reject a system_prompt argument. */
  public boolean takesSystemPrompt() {
    return takesSystemPrompt;
  }
}
