package tunesmith.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.adjust.Adjustment;
import tunesmith.adjust.RecordedAdjustments;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.slurm.Failure;
import tunesmith.slurm.FailureCause;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;
import tunesmith.testing.Cli;
import tunesmith.testing.Fixtures;

/** The retry decision per cause, on a run of the six-run fixture (batch_size 4, 1 step). */
class RetryPlannerTest {
  @TempDir static Path temp;
  private static PlannedRun run;

  @BeforeAll
  static void plan() {
    Path experiment = Fixtures.experiment("slurm_six", temp, Map.of("/__TMP__", temp.toString()));
    run =
        PlanLoader.load(
                new PlanLoader.Request(
                    experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV))
            .runs()
            .get(0);
  }

  private static RunStatus failed(FailureCause cause, int attempt, boolean onPurpose) {
    return new RunStatus(
        run.run().name(),
        Optional.of("7"),
        cause == FailureCause.CANCELLED ? RunState.CANCELLED : RunState.FAILED,
        Optional.of("FAILED"),
        Optional.of("00:01:00"),
        "/out/",
        Optional.of("scontrol"),
        Optional.empty(),
        attempt,
        onPurpose,
        Optional.empty(),
        Optional.of(new Failure(cause, Optional.of("the line"))),
        Optional.empty());
  }

  private static RetryDecision decide(
      FailureCause cause, RecordedAdjustments history, boolean named) {
    return RetryPlanner.decide(run, failed(cause, history.lastAttempt() + 1, true), history, named);
  }

  private static RecordedAdjustments ooms(int count) {
    List<Adjustment> list =
        java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> new Adjustment(i + 2, "CUDA_OUT_OF_MEMORY", "t", Map.of()))
            .toList();
    return new RecordedAdjustments(list);
  }

  @Test
  void cudaOomHalvesTheBatchAndDoublesTheAccumulation() {
    RetryDecision.Retry retry =
        (RetryDecision.Retry)
            decide(FailureCause.CUDA_OUT_OF_MEMORY, RecordedAdjustments.none(), false);
    Map<String, Adjustment.Change> expected = new LinkedHashMap<>();
    expected.put("batch_size", new Adjustment.Change("4", "2"));
    expected.put("gradient_accumulation_steps", new Adjustment.Change("1", "2"));
    assertThat(retry.changes()).containsExactlyEntriesOf(expected);
    assertThat(retry.attempt()).isEqualTo(2);
  }

  @Test
  void cudaOomIsRetriedAtMostThreeTimes() {
    assertThat(decide(FailureCause.CUDA_OUT_OF_MEMORY, ooms(2), false))
        .isInstanceOf(RetryDecision.Retry.class);
    RetryDecision.Skip skip =
        (RetryDecision.Skip) decide(FailureCause.CUDA_OUT_OF_MEMORY, ooms(3), false);
    assertThat(skip.kind()).isEqualTo(RetryDecision.Kind.LEFT_FAILED);
    assertThat(skip.reason()).contains("after 3 retries");
  }

  @Test
  void resourcesGrowForHostMemoryAndTime() {
    RetryDecision.Retry mem =
        (RetryDecision.Retry)
            decide(FailureCause.HOST_OUT_OF_MEMORY, RecordedAdjustments.none(), false);
    String memNow = run.config().resources().mem();
    assertThat(mem.changes())
        .containsExactly(
            Map.entry("mem", new Adjustment.Change(memNow, ResourceScaling.memory(memNow, 3, 2))));
    RetryDecision.Retry time =
        (RetryDecision.Retry) decide(FailureCause.TIMEOUT, RecordedAdjustments.none(), false);
    assertThat(time.changes())
        .containsExactly(Map.entry("time", new Adjustment.Change("00:10:00", "00:15:00")));
    assertThat(time.note()).isPresent();
  }

  @Test
  void nodeFailureIsTheSameJobAndAnErrorIsNotRetried() {
    RetryDecision.Retry node =
        (RetryDecision.Retry) decide(FailureCause.NODE_FAILURE, RecordedAdjustments.none(), false);
    assertThat(node.changes()).isEmpty();
    RetryDecision.Skip error =
        (RetryDecision.Skip) decide(FailureCause.ERROR, RecordedAdjustments.none(), false);
    assertThat(error.kind()).isEqualTo(RetryDecision.Kind.LEFT_FAILED);
    assertThat(error.reason()).contains("the line");
  }

  @Test
  void aCancelledRunIsRetriedOnlyWhenNamed() {
    RetryDecision.Skip bare =
        (RetryDecision.Skip) decide(FailureCause.CANCELLED, RecordedAdjustments.none(), false);
    assertThat(bare.kind()).isEqualTo(RetryDecision.Kind.CANCELLED);
    assertThat(bare.reason()).contains("on purpose", "--runs");
    assertThat(decide(FailureCause.CANCELLED, RecordedAdjustments.none(), true))
        .isInstanceOf(RetryDecision.Retry.class);
  }

  @Test
  void anAdjustmentRecordedButNeverSubmittedIsSubmittedNotMadeAgain() {
    RecordedAdjustments pending = ooms(1); // attempt 2 recorded
    RetryDecision.Retry retry =
        (RetryDecision.Retry)
            RetryPlanner.decide(
                run, failed(FailureCause.CUDA_OUT_OF_MEMORY, 1, false), pending, false);
    assertThat(retry.alreadyAdjusted()).isTrue();
    assertThat(retry.changes()).isEmpty();
    assertThat(retry.attempt()).isEqualTo(2);
  }

  @Test
  void aRunThatDidNotFailIsLeftAlone() {
    RunStatus completed =
        new RunStatus(
            run.run().name(),
            Optional.of("7"),
            RunState.COMPLETED,
            Optional.of("COMPLETED"),
            Optional.empty(),
            "/out/",
            Optional.empty(),
            Optional.empty(),
            1,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    RetryDecision.Skip skip =
        (RetryDecision.Skip) RetryPlanner.decide(run, completed, RecordedAdjustments.none(), true);
    assertThat(skip.kind()).isEqualTo(RetryDecision.Kind.NOT_FAILED);
    assertThat(skip.reason()).contains("completed");
  }
}
