package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task script readable here is held to what the cells pass it (docs/EVALUATION.md). */
class TaskScriptCheckTest {
  @TempDir Path temp;

  /** The fixture's two tasks, both in {@code script}. */
  private EvalFixture.Planned plan(Path script) {
    String evaluation = EvalFixture.EVALUATION.replace("/tasks/cap.py", script.toString());
    return EvalFixture.plan(
        temp.resolve("exp"),
        EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, evaluation));
  }

  private Path script(String source) throws IOException {
    Path script = temp.resolve("cap.py");
    Files.writeString(script, source);
    return script;
  }

  @Test
  void aScriptWhoseTaskTakesEveryParameterPlans() throws IOException {
    Path script =
        script(
            """
            from inspect_ai import Task, task

            @task
            def cap(
                data_path: str,
                config_path: str = "",  # eval.yaml
                vis_label: str | None = None,
                use_chat_template: bool = True,
                max_tokens: int = 20,
                assistant_prefix: str = "(",
            ) -> Task:
                return Task()
            """);
    EvalFixture.Planned planned = plan(script);
    assertThat(planned.rendered()).isEmpty();
    assertThat(planned.warnings()).noneMatch(w -> w.contains("cannot be read here"));
  }

  @Test
  void aFunctionTheScriptLacksIsAnErrorNamingTaskScriptAndFunction() throws IOException {
    Path script =
        script(
            """
            @task()
            def capitalization(**kwargs):
                pass

            def cap(data_path):  # not a task
                pass
            """);
    assertThat(plan(script).rendered())
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains(": evaluation.tasks[cap")
                    .contains(script + "@cap")
                    .contains("has no @task function 'cap'")
                    .contains("an @task function of the script: capitalization"));
  }

  @Test
  void aParameterTheFunctionDoesNotTakeIsAnErrorNamingIt() throws IOException {
    Path script =
        script(
            """
            @task
            def cap(data_path, config_path, vis_label, use_chat_template, max_tokens=5):
                pass
            """);
    assertThat(plan(script).rendered())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("evaluation.tasks[cap_cue].script")
                    .contains("-T assistant_prefix")
                    .contains("task 'cap_cue'")
                    .contains(script.toString())
                    .contains("does not take it"));
  }

  @Test
  void kwargsTakeAnyParameter() throws IOException {
    Path script = script("@task\nasync def cap(data_path, *, config_path=None, **rest):\n  pass\n");
    assertThat(plan(script).rendered()).isEmpty();
  }

  @Test
  void aScriptThatCannotBeReadHereIsAWarning() {
    EvalFixture.Planned planned = plan(temp.resolve("elsewhere/cap.py"));
    assertThat(planned.rendered()).isEmpty();
    assertThat(planned.warnings())
        .filteredOn(w -> w.contains("cannot be read here"))
        .hasSize(2)
        .allSatisfy(w -> assertThat(w).contains("elsewhere/cap.py").contains("-T parameters"));
  }
}
