package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.testing.Cli;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * The queue cap with stand-ins for sbatch (ids 101, 102, ...) and squeue (prints the ids in a
 * file): the test's pause plays SLURM, taking the oldest job out of the queue on each poll, so
 * every wait is an event, not a timer.
 */
class QueuedSubmitterTest {
  @TempDir Path temp;

  @Test
  void neverMoreThanTheCapQueuedAndEveryRunSubmittedInOrder() throws Exception {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path queue = temp.resolve("queue");
    Files.writeString(queue, "999\n"); // another experiment's job: not counted
    Path count = temp.resolve("count");
    script(
        bin.resolve("sbatch"),
        "c=$(( $(cat "
            + count
            + " 2>/dev/null || echo 0) + 1 )); echo $c > "
            + count
            + "\n"
            + "echo $((100 + c)) | tee -a "
            + queue
            + "\n");
    script(bin.resolve("squeue"), "cat " + queue + "\n");
    Path root = temp.resolve("exp");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(
                experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV));
    SlurmClient client = new SlurmClient(Map.of("PATH", bin + ":/usr/bin:/bin"), experiment);

    List<String> events = new ArrayList<>();
    List<Integer> queuedAtSubmit = new ArrayList<>();
    QueuedSubmitter.Pause slurm =
        duration -> {
          events.add("wait " + duration.toMillis());
          if (duration.equals(Duration.ofSeconds(2))) {
            try {
              List<String> lines = new ArrayList<>(Files.readAllLines(queue));
              lines.removeIf(line -> !line.equals("999")); // our jobs finish
              Files.write(queue, lines);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };
    QueuedSubmitter submitter =
        new QueuedSubmitter(
            new Submitter(client, Clock.systemUTC()),
            client,
            2,
            Duration.ofMillis(5),
            Duration.ofSeconds(2),
            slurm);
    Set<String> known = new LinkedHashSet<>(List.of("100")); // an earlier job of this experiment
    Files.writeString(queue, "999\n100\n");
    Submitter.Result result =
        submitter.submit(
            SubmissionPlanner.perRun(plan.runs()),
            known,
            one -> {
              try {
                queuedAtSubmit.add(
                    (int)
                        Files.readAllLines(queue).stream()
                            .filter(line -> !line.equals("999"))
                            .count());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    assertThat(result.stopped()).isEmpty();
    assertThat(result.submitted())
        .extracting(SubmittedRun::run)
        .containsExactlyElementsOf(plan.runs().stream().map(run -> run.run().name()).toList());
    assertThat(queuedAtSubmit)
        .as("the experiment's jobs queued right after each submission")
        .allMatch(queued -> queued <= 2);
    assertThat(events).as("staggered, and waited for the queue").contains("wait 5", "wait 2000");
    assertThat(events.stream().filter(event -> event.equals("wait 5")))
        .as("a stagger between two submissions, none before the first")
        .hasSize(5);
  }

  private static void script(Path file, String body) throws Exception {
    Files.writeString(file, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
