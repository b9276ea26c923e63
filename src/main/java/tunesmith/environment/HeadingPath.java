package tunesmith.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The headings enclosing a point of the document, outermost first: {@code ## SLURM Defaults} then
 * {@code ### Della} gives [SLURM Defaults, Della]. A setting is "under" a heading when the heading
 * is anywhere on this path.
 *
 * @param headings each heading's text as written
 * @param levels each heading's level (1 for {@code #}), parallel to {@code headings}
 */
record HeadingPath(List<String> headings, List<Integer> levels) {

  static final HeadingPath ROOT = new HeadingPath(List.of(), List.of());

  HeadingPath {
    headings = List.copyOf(headings);
    levels = List.copyOf(levels);
  }

  /** The path after a heading of {@code level}: it closes every heading at that level or deeper. */
  HeadingPath enter(int level, String heading) {
    List<String> keptHeadings = new ArrayList<>();
    List<Integer> keptLevels = new ArrayList<>();
    for (int i = 0; i < headings.size() && levels.get(i) < level; i++) {
      keptHeadings.add(headings.get(i));
      keptLevels.add(levels.get(i));
    }
    keptHeadings.add(heading);
    keptLevels.add(level);
    return new HeadingPath(keptHeadings, keptLevels);
  }

  boolean isUnder(HeadingTopic topic) {
    return headings.stream().map(HeadingPath::normalize).anyMatch(topic::matches);
  }

  /**
   * True when some enclosing heading is about another tool (GitHub, W&B) than {@code allowed};
   * {@code allowed} may be null, allowing none.
   */
  boolean isUnderForeignTopicOtherThan(HeadingTopic allowed) {
    for (HeadingTopic topic : HeadingTopic.values()) {
      if (topic.isForeign() && topic != allowed && isUnder(topic)) {
        return true;
      }
    }
    return false;
  }

  /** The innermost heading as written, or empty at the top of the document. */
  String innermost() {
    return headings.isEmpty() ? "" : headings.get(headings.size() - 1);
  }

  static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
