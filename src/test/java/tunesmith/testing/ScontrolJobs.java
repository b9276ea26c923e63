package tunesmith.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A job on the local cluster as {@code scontrol show job -o} tells it, and waits for its events.
 */
public final class ScontrolJobs {
  private static final Duration WITHIN = Duration.ofSeconds(180);

  private ScontrolJobs() {}

  public static boolean ended(Map<String, String> job) {
    return List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL")
        .contains(job.get("JobState"));
  }

  /** Polls scontrol until the job's fields satisfy {@code done}; fails after three minutes. */
  public static Map<String, String> await(String id, Predicate<Map<String, String>> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WITHIN);
    Map<String, String> job = job(id);
    while (!done.test(job)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("job " + id + " did not end within " + WITHIN + ": " + job);
      }
      Thread.sleep(250);
      job = job(id);
    }
    return job;
  }

  public static Map<String, String> job(String id) {
    CliResult show = Processes.run(List.of("scontrol", "show", "job", "-o", id), null, null, 30);
    assertThat(show.exitCode()).as(show.describe()).isZero();
    Map<String, String> fields = new HashMap<>();
    for (String field : show.out().strip().split(" ")) {
      int equals = field.indexOf('=');
      if (equals > 0) {
        fields.putIfAbsent(field.substring(0, equals), field.substring(equals + 1));
      }
    }
    return fields;
  }
}
