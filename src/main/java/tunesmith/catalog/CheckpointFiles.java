package tunesmith.catalog;

import java.util.List;

/** How torchtune's checkpointer finds a model's weight files. */
public sealed interface CheckpointFiles {

  /** An explicit list, e.g. {@code [model.safetensors]}. */
  record Listed(List<String> files) implements CheckpointFiles {
    public Listed {
      files = List.copyOf(files);
    }
  }

  /**
   * Sharded files: {@code {filename_format: model-{}-of-{}.safetensors, max_filename: "00004"}}.
   */
  record Sharded(String filenameFormat, String maxFilename) implements CheckpointFiles {}
}
