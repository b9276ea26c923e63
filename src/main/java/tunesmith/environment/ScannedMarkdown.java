package tunesmith.environment;

import java.util.List;

/**
 * What claude.local.md holds that tunesmith might use, before deciding what counts.
 *
 * @param items every labeled bullet, in document order
 * @param moduleLines the first fenced code block under a "Module System" heading, as written
 * @param moduleLine the 1-based line of that block's first line of code (0: no block)
 */
record ScannedMarkdown(List<LabeledItem> items, List<String> moduleLines, int moduleLine) {
  ScannedMarkdown(List<LabeledItem> items, List<String> moduleLines) {
    this(items, moduleLines, 0);
  }

  ScannedMarkdown {
    items = List.copyOf(items);
    moduleLines = List.copyOf(moduleLines);
  }
}
