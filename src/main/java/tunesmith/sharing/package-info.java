/**
 * One instance for many equal values: the runs of a sweep share almost every setting, and a plan of
 * 10,000 runs each holding its own equal copies took most of its memory. Only for immutable values
 * compared by {@code equals} (records of such values, strings, paths, optionals, immutable lists),
 * where sharing an instance is invisible to every reader.
 */
package tunesmith.sharing;
