package tunesmith.experiment;

import tunesmith.setup.SetupValue;

/** An entry of models.base: a catalog model and where its weights live. */
public record BaseModel(String name, SetupValue path) {
}
