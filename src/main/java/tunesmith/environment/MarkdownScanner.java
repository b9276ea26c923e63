package tunesmith.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Finds the labeled bullets and the module block of claude.local.md with a real Markdown parser, so
 * bullets inside code blocks or HTML comments are not mistaken for settings.
 */
final class MarkdownScanner {
  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private MarkdownScanner() {}

  static ScannedMarkdown scan(String markdown) {
    Visitor visitor = new Visitor(markdown);
    PARSER.parse(markdown).accept(visitor);
    return new ScannedMarkdown(
        visitor.items, visitor.moduleBlock.orElse(List.of()), visitor.moduleLine);
  }

  private static final class Visitor extends AbstractVisitor {
    private final String markdown;
    private final List<LabeledItem> items = new ArrayList<>();
    private Optional<List<String>> moduleBlock = Optional.empty();
    private int moduleLine;
    private HeadingPath headings = HeadingPath.ROOT;

    Visitor(String markdown) {
      this.markdown = markdown;
    }

    @Override
    public void visit(Heading heading) {
      headings = headings.enter(heading.getLevel(), plainText(heading).strip());
    }

    @Override
    public void visit(ListItem item) {
      labeledItem(item).ifPresent(items::add);
      visitChildren(item); // nested lists may hold settings too
    }

    @Override
    public void visit(FencedCodeBlock block) {
      if (moduleBlock.isEmpty() && headings.isUnder(HeadingTopic.MODULE_SYSTEM)) {
        moduleBlock = Optional.of(block.getLiteral().lines().toList());
        // The fence line is the block's first source line; the code starts on the next one.
        moduleLine =
            block.getSourceSpans().isEmpty() ? 0 : block.getSourceSpans().get(0).getLineIndex() + 2;
      }
    }

    /** {@code - **Label**: value}, or {@code - **Label:** value}; anything else is prose. */
    private Optional<LabeledItem> labeledItem(ListItem item) {
      if (!(item.getFirstChild() instanceof Paragraph paragraph)
          || !(paragraph.getFirstChild() instanceof StrongEmphasis strong)
          || strong.getSourceSpans().isEmpty()) {
        return Optional.empty();
      }
      String label = plainText(strong).strip();
      SourceSpan labelEnd = strong.getSourceSpans().get(strong.getSourceSpans().size() - 1);
      int afterLabel = labelEnd.getInputIndex() + labelEnd.getLength();
      String rest =
          markdown.substring(afterLabel, endOfLine(paragraph, labelEnd.getLineIndex(), afterLabel));

      int valueOffset = skipWhitespace(rest, 0);
      if (label.endsWith(":")) {
        label = label.substring(0, label.length() - 1).strip();
      } else if (valueOffset < rest.length() && rest.charAt(valueOffset) == ':') {
        valueOffset = skipWhitespace(rest, valueOffset + 1);
      } else {
        return Optional.empty();
      }
      int valueStart = afterLabel + valueOffset;
      String value =
          leadingCodeSpan(strong, valueStart).orElse(rest.substring(valueOffset).strip());
      int column = labelEnd.getColumnIndex() + (valueStart - labelEnd.getInputIndex()) + 1;
      return Optional.of(
          new LabeledItem(label, value, labelEnd.getLineIndex() + 1, column, headings));
    }

    /** Where the paragraph's text on {@code lineIndex} ends in the input. */
    private static int endOfLine(Paragraph paragraph, int lineIndex, int fallback) {
      for (SourceSpan span : paragraph.getSourceSpans()) {
        if (span.getLineIndex() == lineIndex) {
          return span.getInputIndex() + span.getLength();
        }
      }
      return fallback;
    }
  }

  /**
   * The value when it opens with a code span ({@code `cruijff` (the default)} gives {@code
   * cruijff}); a code span later in prose is not the value.
   */
  private static Optional<String> leadingCodeSpan(StrongEmphasis label, int valueStart) {
    for (Node node = label.getNext();
        node != null && !(node instanceof SoftLineBreak);
        node = node.getNext()) {
      if (node instanceof Code code
          && !code.getSourceSpans().isEmpty()
          && code.getSourceSpans().get(0).getInputIndex() == valueStart) {
        return Optional.of(code.getLiteral().strip());
      }
    }
    return Optional.empty();
  }

  private static int skipWhitespace(String text, int from) {
    int index = from;
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
    return index;
  }

  /** The text a reader sees, without Markdown markup. */
  private static String plainText(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text textNode) {
            text.append(textNode.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }

          @Override
          public void visit(SoftLineBreak lineBreak) {
            text.append(' ');
          }
        });
    return text.toString();
  }
}
