package tunesmith.slurm;

import java.util.Locale;
import java.util.Map;

/**
 * SLURM's job state names (squeue, sacct and scontrol spell them alike) and the run state each one
 * means. Decisions worth knowing: a job that lost its node or never booted (NODE_FAIL, BOOT_FAIL),
 * was preempted without being requeued (PREEMPTED), missed its deadline (DEADLINE) or ended in
 * SPECIAL_EXIT did not train to the end: FAILED. A job that is requeued or held waits again:
 * PENDING. One that is suspended, completing or still being set up holds its allocation and is not
 * finished: RUNNING. REVOKED (a federated job that ran on another cluster) is CANCELLED here. Any
 * name not in the table is UNKNOWN.
 */
public final class SlurmStates {
  private static final Map<String, RunState> STATES =
      Map.ofEntries(
          Map.entry("PENDING", RunState.PENDING),
          Map.entry("REQUEUED", RunState.PENDING),
          Map.entry("REQUEUE_FED", RunState.PENDING),
          Map.entry("REQUEUE_HOLD", RunState.PENDING),
          Map.entry("RESV_DEL_HOLD", RunState.PENDING),
          Map.entry("RUNNING", RunState.RUNNING),
          Map.entry("CONFIGURING", RunState.RUNNING),
          Map.entry("COMPLETING", RunState.RUNNING),
          Map.entry("RESIZING", RunState.RUNNING),
          Map.entry("SIGNALING", RunState.RUNNING),
          Map.entry("STAGE_OUT", RunState.RUNNING),
          Map.entry("STOPPED", RunState.RUNNING),
          Map.entry("SUSPENDED", RunState.RUNNING),
          Map.entry("COMPLETED", RunState.COMPLETED),
          Map.entry("FAILED", RunState.FAILED),
          Map.entry("NODE_FAIL", RunState.FAILED),
          Map.entry("BOOT_FAIL", RunState.FAILED),
          Map.entry("PREEMPTED", RunState.FAILED),
          Map.entry("DEADLINE", RunState.FAILED),
          Map.entry("SPECIAL_EXIT", RunState.FAILED),
          Map.entry("CANCELLED", RunState.CANCELLED),
          Map.entry("REVOKED", RunState.CANCELLED),
          Map.entry("TIMEOUT", RunState.TIMEOUT),
          Map.entry("OUT_OF_MEMORY", RunState.OUT_OF_MEMORY));

  private SlurmStates() {}

  /**
   * The run state for a SLURM state as printed, e.g. {@code CANCELLED by 1000} or {@code RUNNING}.
   */
  public static RunState of(String slurmState) {
    String name = slurmState.strip().split("\\s+", 2)[0].replace("+", "").toUpperCase(Locale.ROOT);
    return STATES.getOrDefault(name, RunState.UNKNOWN);
  }
}
