package tunesmith.slurm;

import java.util.Optional;
import tunesmith.verify.Readiness;

/**
 * One row of {@code tunesmith status}.
 *
 * @param jobId {@code 123} or, for an array task, {@code 123_4}; empty when not submitted
 * @param slurmState SLURM's own state name, when SLURM knows the job
 * @param elapsed the run time so far ([D-]HH:MM:SS), when known
 * @param source squeue, sacct or scontrol: who said so
 * @param note why the state is UNKNOWN, when it is
 * @param readiness for a run not submitted: whether it is ready to submit (the check submit runs)
 */
public record RunStatus(
    String run,
    Optional<String> jobId,
    RunState state,
    Optional<String> slurmState,
    Optional<String> elapsed,
    String outputDir,
    Optional<String> source,
    Optional<String> note,
    Optional<Readiness> readiness) {}
