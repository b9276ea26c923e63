package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.testing.Cli;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * The queue cap with stand-ins for sbatch (ids 101, 102, ...; each call notes how many of the
 * experiment's jobs are queued right after it), squeue (the ids in a file) and sacct (every job
 * that left the queue COMPLETED): the test's pause plays SLURM, taking the experiment's jobs out of
 * the queue on each poll, so every wait is an event, not a timer.
 */
class QueuedSubmitterTest {
  /** Another experiment's job: never counted. */
  private static final String OTHER = "999";

  @TempDir Path temp;

  private Path queue;
  private Path queuedAfterSubmit;
  private SlurmClient client;
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void standIns() throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    queue = temp.resolve("queue");
    queuedAfterSubmit = temp.resolve("queued-after-submit");
    Path count = temp.resolve("count");
    script(
        bin.resolve("sbatch"),
        "c=$(( $(cat "
            + count
            + " 2>/dev/null || echo 0) + 1 )); echo $c > "
            + count
            + "\necho $((100 + c)) >> "
            + queue
            + "\ngrep -vc '^"
            + OTHER
            + "$' "
            + queue
            + " >> "
            + queuedAfterSubmit
            + "\necho $((100 + c))\n");
    // `squeue --me -o %i` lists ids; `squeue --jobs=...` (JobObserver) says which are pending.
    script(
        bin.resolve("squeue"),
        "jobs=\nfor a in \"$@\"; do case $a in --jobs=*) jobs=${a#--jobs=} ;; esac; done\n"
            + "if [ -z \"$jobs\" ]; then cat "
            + queue
            + "; exit 0; fi\n"
            + "for id in ${jobs//,/ }; do grep -qx \"$id\" "
            + queue
            + " && echo \"$id||PENDING|0:00\"; done; exit 0\n");
    script(
        bin.resolve("sacct"),
        "ids=${@: -1}\nfor id in ${ids//,/ }; do grep -qx \"$id\" "
            + queue
            + " || echo \"$id|COMPLETED|00:00:10\"; done\n");
    Files.writeString(queue, OTHER + "\n");
    client = new SlurmClient(Map.of("PATH", bin + ":/usr/bin:/bin"), temp);
  }

  /** A cap of 2 whose polls let every job of the experiment finish. */
  private QueueCap cap(Set<String> known) {
    QueueCap.Pause slurm =
        duration -> {
          events.add("wait " + duration.toMillis());
          if (duration.equals(Duration.ofSeconds(2))) {
            try {
              List<String> lines = new ArrayList<>(Files.readAllLines(queue));
              lines.removeIf(line -> !line.equals(OTHER)); // our jobs finish
              Files.write(queue, lines);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    return new QueueCap(client, 2, Duration.ofMillis(5), Duration.ofSeconds(2), slurm, known);
  }

  private List<Integer> queuedAfterEachSubmission() throws IOException {
    return Files.readAllLines(queuedAfterSubmit).stream().map(Integer::valueOf).toList();
  }

  @Test
  void neverMoreThanTheCapQueuedAndEveryRunSubmittedInOrder() throws Exception {
    Path root = temp.resolve("exp");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(
                experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV));
    // An earlier job of this experiment, still queued.
    Files.writeString(queue, OTHER + "\n100\n");

    Submitter.Result result =
        new QueuedSubmitter(
                new Submitter(client, Clock.systemUTC(), experiment), cap(Set.of("100")))
            .submit(SubmissionPlanner.perRun(plan.runs()), one -> {});

    assertThat(result.stopped()).isEmpty();
    assertThat(result.submitted())
        .extracting(SubmittedRun::run)
        .containsExactlyElementsOf(plan.runs().stream().map(run -> run.run().name()).toList());
    assertThat(queuedAfterEachSubmission())
        .as("the experiment's jobs queued right after each submission")
        .hasSize(6)
        .allMatch(queued -> queued <= 2);
    assertThat(events).as("staggered, and waited for the queue").contains("wait 5", "wait 2000");
    assertThat(events.stream().filter(event -> event.equals("wait 5")))
        .as("a stagger between two submissions, none before the first")
        .hasSize(5);
  }

  @Test
  void evaluationCellsGoThroughTheSameCapAfterTheTrainingJobs() throws Exception {
    Path experiment = Files.createDirectories(temp.resolve("capitalization_sweep_2026"));
    for (String name : new String[] {"experiment_summary.yaml", "claude.local.md"}) {
      Files.copy(
          Path.of("examples/capitalization_sweep_2026").resolve(name), experiment.resolve(name));
    }
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(
                experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV));
    QueueCap cap = cap(Set.of());

    Submitter.Result training =
        new QueuedSubmitter(new Submitter(client, Clock.systemUTC(), experiment), cap)
            .submit(SubmissionPlanner.perRun(plan.runs()), one -> {});
    List<CellSubmitter.Outcome> cells =
        new CellSubmitter(client, Clock.systemUTC(), plan, false, Optional.of(cap))
            .submit(plan.evaluation().cells(), Map.of(), Set.of(), false);

    assertThat(training.submitted()).hasSize(plan.runs().size());
    assertThat(cells).hasSize(plan.evaluation().cells().size());
    assertThat(cells)
        .allSatisfy(
            cell -> {
              assertThat(cell.refusal()).as(cell.name()).isEmpty();
              assertThat(cell.jobId()).as(cell.name()).isPresent();
            });
    assertThat(queuedAfterEachSubmission())
        .as("training jobs and cells queued right after each submission")
        .hasSize(plan.runs().size() + plan.evaluation().cells().size())
        .allMatch(queued -> queued <= 2);
    assertThat(events.stream().filter(event -> event.equals("wait 5")))
        .as("one stagger between any two submissions, training or cell")
        .hasSize(plan.runs().size() + plan.evaluation().cells().size() - 1);
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
