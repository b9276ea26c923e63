package tunesmith.slurm;

/** A run SLURM accepted, with the record written for it. */
public record SubmittedRun(String run, SubmissionRecord record) {}
