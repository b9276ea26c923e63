package tunesmith.results;

/** One {@code {epoch}|{step}|Loss: {loss}} of torchtune's progress bar. */
public record LossPoint(int epoch, long step, double loss) {}
