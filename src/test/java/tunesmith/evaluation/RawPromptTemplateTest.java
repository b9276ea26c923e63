package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.CliResult;
import tunesmith.testing.Processes;
import tunesmith.testing.PythonLoaders;

/**
 * The template text_completion cells give inspect, rendered by Jinja2 as transformers renders chat
 * templates (a sandboxed environment with trim_blocks and lstrip_blocks): the model gets exactly
 * the text cruijff_kit's text_completion dataset trained on, {@code prompt.format(input=...)},
 * whatever system message the task adds, and for message objects as inspect passes them.
 */
class RawPromptTemplateTest {
  private static final String RENDER =
      """
      import sys
      from jinja2.sandbox import ImmutableSandboxedEnvironment
      template = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True) \\
          .from_string(sys.argv[1])
      class Message:  # inspect passes its ChatMessage objects, not dicts
          def __init__(self, role, content):
              self.role, self.content = role, content
      trained = "Capitalize: {input}\\n".format(input="hello")
      for messages in (
          [{"role": "system", "content": "You capitalize words."},
           {"role": "user", "content": trained}],
          [Message("user", trained)],
      ):
          rendered = template.render(messages=messages, add_generation_prompt=True, tools=None,
                                     enable_thinking=None)
          if rendered != trained:
              sys.exit("rendered %r, trained on %r" % (rendered, trained))
      print("same")
      """;

  @TempDir Path temp;

  @Test
  void rendersThePromptAsTrainingSawIt() {
    CliResult result =
        Processes.run(
            List.of(PythonLoaders.python().toString(), "-c", RENDER, RawPromptTemplate.JINJA),
            temp,
            Map.of("PATH", "/usr/bin:/bin"),
            60);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.out()).isEqualTo("same\n");
  }

  @Test
  void hasNoCommaForInspectToSplitAt() {
    assertThat(RawPromptTemplate.JINJA).doesNotContain(",");
  }
}
