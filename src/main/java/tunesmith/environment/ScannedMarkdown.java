package tunesmith.environment;

import java.util.List;

/**
 * What claude.local.md holds that tunesmith might use, before deciding what counts.
 *
 * @param items       every labeled bullet, in document order
 * @param moduleLines the first fenced code block under a "Module System" heading, as written
 */
record ScannedMarkdown(List<LabeledItem> items, List<String> moduleLines) {
    ScannedMarkdown {
        items = List.copyOf(items);
        moduleLines = List.copyOf(moduleLines);
    }
}
