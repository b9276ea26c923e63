package tunesmith.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local SLURM cluster, as the tests see it: whether {@code scontrol ping} reaches a slurmctld
 * that is UP, and an {@link ExecutionCondition} that skips a test without one, or fails it when
 * {@code TUNESMITH_REQUIRE_SLURM=1} says a skipped SLURM test must not pass unnoticed.
 */
public final class LocalSlurm implements ExecutionCondition {
  public static final String REQUIRE_VARIABLE = "TUNESMITH_REQUIRE_SLURM";

  /** Asked once per test run: the cluster does not come and go while the tests run. */
  private static volatile String unavailable;

  private static volatile boolean checked;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String problem = problem();
    if (problem == null) {
      return ConditionEvaluationResult.enabled("a local SLURM cluster answers scontrol ping");
    }
    if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
      // Thrown, not disabled: JUnit reports the test as failed, so CI cannot go green without
      // SLURM.
      throw new AssertionError(
          REQUIRE_VARIABLE
              + "=1 but there is no local SLURM cluster ("
              + problem
              + "); start one with: scripts/local-slurm up");
    }
    return ConditionEvaluationResult.disabled(
        "no local SLURM cluster (" + problem + "); scripts/local-slurm up starts one");
  }

  /** Why the cluster is not usable, or null when it is. */
  public static synchronized String problem() {
    if (!checked) {
      unavailable = ping();
      checked = true;
    }
    return unavailable;
  }

  private static String ping() {
    CliResult ping;
    try {
      ping = Processes.run(List.of("scontrol", "ping"), null, null, 20);
    } catch (RuntimeException | AssertionError e) {
      return "scontrol ping could not run: " + e.getMessage();
    }
    if (ping.exitCode() != 0 || !ping.out().contains(" is UP")) {
      return "scontrol ping: " + ping.allOutput().strip();
    }
    return null;
  }

  /** Every job the local cluster's squeue lists, by id (array tasks one by one). */
  public static Set<String> queued() {
    CliResult squeue = Processes.run(List.of("squeue", "-h", "-r", "-o", "%i"), null, null, 30);
    if (squeue.exitCode() != 0) {
      throw new AssertionError("squeue failed: " + squeue.describe());
    }
    return new HashSet<>(
        squeue.out().lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
  }

  /**
   * How many of {@code experimentJobs} (asked anew each time: records appear as jobs are submitted)
   * squeue lists, sampled until {@code running} is done.
   */
  public static List<Integer> queuedWhile(
      Future<?> running, Supplier<? extends Collection<String>> experimentJobs)
      throws InterruptedException {
    List<Integer> samples = new ArrayList<>();
    while (!running.isDone()) {
      Set<String> ours = new HashSet<>(experimentJobs.get());
      Set<String> queued = queued();
      queued.retainAll(ours);
      samples.add(queued.size());
      Thread.sleep(50); // sampling pace only
    }
    return samples;
  }
}
