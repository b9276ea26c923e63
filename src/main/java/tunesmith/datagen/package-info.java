/**
 * The file names cruijff_kit's data generator gives the datasets it writes for the conditions of an
 * experiment's {@code data.data_generation} block (see docs/FORMATS-0.3.md, training_condition).
 * Python's reading of the YAML and its JSON are reproduced exactly, since the name holds a hash of
 * them; whatever cannot be reproduced is refused, never guessed.
 */
package tunesmith.datagen;
