package tunesmith.catalog;

import java.util.Optional;

/** A model family's tokenizer: component and file locations relative to the model directory. */
public record TokenizerSpec(String component, String path, Optional<String> mergesFile) {}
