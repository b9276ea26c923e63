package tunesmith.environment;

/**
 * One {@code - **Label**: value} bullet of claude.local.md.
 *
 * @param label the label as written, without its colon (e.g. {@code Default GPUs})
 * @param value the text in the first code span when the value starts with one, otherwise the rest
 *     of the line as written; trimmed, possibly empty
 * @param line 1-based line of the value
 * @param column 1-based column where the value starts
 * @param headings the headings the bullet stands under
 */
record LabeledItem(String label, String value, int line, int column, HeadingPath headings) {}
