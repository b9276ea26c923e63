package tunesmith.slurm;

/** A selected run that is not submitted, and why, in words for the researcher. */
public record Refusal(String run, String reason) {}
