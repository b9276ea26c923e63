package tunesmith.evaluation;

/**
 * The chat template a {@code text_completion} cell gives inspect's HF provider ({@code -M
 * chat_template=...}), so that the model sees its prompt as training showed it: cruijff_kit's
 * text_completion dataset encodes {@code prompt.format(input)} as it is, and this template renders
 * the text of every message but the system one, adding nothing. Without it the provider wraps the
 * prompt in the tokenizer's template, and with {@code -M use_chat_template=false} it writes {@code
 * "user: {prompt}\n"}. See docs/EVALUATION.md.
 */
final class RawPromptTemplate {
  /**
   * Jinja, rendered by transformers' {@code apply_chat_template}. No comma: inspect splits a -M
   * value at commas.
   */
  static final String JINJA =
      "{% for message in messages %}{% if message.role != 'system' %}"
          + "{{ message.content }}{% endif %}{% endfor %}";

  private RawPromptTemplate() {}
}
