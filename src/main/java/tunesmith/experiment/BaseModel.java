package tunesmith.experiment;

import tunesmith.keys.SetupValue;

/** An entry of models.base: a catalog model and where its weights live. */
public record BaseModel(String name, SetupValue path) {}
