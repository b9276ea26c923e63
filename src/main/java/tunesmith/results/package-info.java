/**
 * After the jobs: what they left (training output, GPU monitor CSV, inspect logs) read into
 * records, one per run and one per evaluation cell, for {@code tunesmith summarize}
 * (docs/SUMMARIZE.md). Reads files and the status rows; renders nothing.
 */
package tunesmith.results;
