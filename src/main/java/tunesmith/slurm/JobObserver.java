package tunesmith.slurm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks SLURM about the experiment's jobs in a bounded number of calls, whatever their number: one
 * {@code squeue --me -t all}, which lists every job the controller still holds (queued, running and
 * finished ones until MinJobAge) with its tag ({@link JobTag}, in the comment); then, only for the
 * jobs and tags it did not list, one {@code sacct}, where accounting is on. Keys are {@code 123}
 * for a job and {@code 123_4} for task 4 of array job 123. A job neither knows is left out of the
 * answer (docs/submitting.md, "Faults while submitting").
 */
public final class JobObserver {
  private static final String SQUEUE_FORMAT = "%F|%K|%T|%M|%k";
  private static final DateTimeFormatter SACCT_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private final SlurmClient client;

  public JobObserver(SlurmClient client) {
    this.client = client;
  }

  /**
   * What SLURM said.
   *
   * @param jobs each job or array task listed, by key
   * @param tagged for each tag asked about, the keys of the jobs that carry it
   */
  public record Snapshot(Map<String, ObservedJob> jobs, Map<String, List<String>> tagged) {
    public Optional<ObservedJob> job(String key) {
      return Optional.ofNullable(jobs.get(key));
    }

    /**
     * The newest job with the tag (the highest id: a forced resubmission reuses an attempt's tag),
     * as its job id ({@code 123}, the array job for an array's tasks).
     */
    public Optional<String> newestJob(String tag) {
      return tagged.getOrDefault(tag, List.of()).stream()
          .map(key -> key.split("_", 2)[0])
          .max(Comparator.comparingLong(Long::parseLong));
    }
  }

  /** What SLURM says about each key it knows. */
  public Map<String, ObservedJob> observe(Set<String> keys) throws SlurmException {
    Map<String, ObservedJob> found =
        new LinkedHashMap<>(observe(keys, Set.of(), Optional.empty()).jobs());
    found.keySet().retainAll(keys);
    return found;
  }

  /**
   * @param keys the recorded jobs to ask about
   * @param tags the tags of submissions whose job is not recorded
   * @param since the earliest time one of those submissions can have been made (sacct's window)
   */
  public Snapshot observe(Set<String> keys, Set<String> tags, Optional<Instant> since)
      throws SlurmException {
    Map<String, ObservedJob> found = new LinkedHashMap<>();
    Map<String, List<String>> tagged = new LinkedHashMap<>();
    if (keys.isEmpty() && tags.isEmpty()) {
      return new Snapshot(found, tagged);
    }
    squeue(tags, found, tagged);
    Set<String> rest = new LinkedHashSet<>(keys);
    rest.removeAll(found.keySet());
    Set<String> untagged = new LinkedHashSet<>(tags);
    untagged.removeAll(tagged.keySet());
    if (!rest.isEmpty() || !untagged.isEmpty()) {
      sacct(rest, untagged, since, found, tagged);
    }
    return new Snapshot(found, tagged);
  }

  private void squeue(
      Set<String> tags, Map<String, ObservedJob> found, Map<String, List<String>> tagged)
      throws SlurmException {
    SlurmClient.Output output =
        client.runOrThrow(
            SlurmTool.SQUEUE, List.of("--me", "-a", "-t", "all", "-h", "-r", "-o", SQUEUE_FORMAT));
    for (String line : output.out().split("\n")) {
      String[] fields = line.strip().split("\\|", 5);
      if (fields.length != 5 || !fields[0].matches("\\d+")) {
        continue;
      }
      ObservedJob job = new ObservedJob(fields[2], SlurmDuration.normalize(fields[3]), "squeue");
      List<Integer> tasks = ArrayTaskIds.expand(fields[1]);
      List<String> listed = new ArrayList<>();
      if (tasks.isEmpty()) {
        listed.add(fields[0]);
      }
      tasks.forEach(task -> listed.add(fields[0] + "_" + task));
      listed.forEach(key -> found.put(key, job));
      tag(fields[4], listed, tags, tagged);
    }
  }

  /** Where accounting is off (sacct fails), what squeue said is all there is. */
  private void sacct(
      Set<String> keys,
      Set<String> tags,
      Optional<Instant> since,
      Map<String, ObservedJob> found,
      Map<String, List<String>> tagged) {
    List<String> args =
        new ArrayList<>(List.of("-P", "-n", "-X", "-o", "JobID,State,Elapsed,Comment"));
    if (!tags.isEmpty() && since.isPresent()) {
      // The jobs of unrecorded submissions are known by their tag only: list the user's jobs since.
      args.addAll(
          List.of(
              "-S",
              LocalDateTime.ofInstant(
                      since.get().minus(1, ChronoUnit.MINUTES), ZoneId.systemDefault())
                  .truncatedTo(ChronoUnit.SECONDS)
                  .format(SACCT_TIME)));
    } else if (!keys.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>();
      keys.forEach(key -> ids.add(key.split("_", 2)[0]));
      args.addAll(List.of("-j", String.join(",", ids)));
    } else {
      return;
    }
    SlurmClient.Output output;
    try {
      output = client.run(SlurmTool.SACCT, args);
    } catch (SlurmException unavailable) {
      return;
    }
    if (output.exitCode() != 0) {
      return;
    }
    for (String line : output.out().split("\n")) {
      String[] fields = line.strip().split("\\|", 4);
      if (fields.length < 3) {
        continue;
      }
      ObservedJob job = new ObservedJob(fields[1], SlurmDuration.normalize(fields[2]), "sacct");
      List<String> listed = new ArrayList<>();
      int underscore = fields[0].indexOf('_');
      if (underscore < 0) {
        listed.add(fields[0]);
      } else {
        String arrayJobId = fields[0].substring(0, underscore);
        ArrayTaskIds.expand(fields[0].substring(underscore + 1))
            .forEach(task -> listed.add(arrayJobId + "_" + task));
      }
      listed.stream()
          .filter(key -> keys.contains(key) || !found.containsKey(key))
          .forEach(key -> found.put(key, job));
      if (fields.length == 4) {
        tag(fields[3], listed, tags, tagged);
      }
    }
  }

  private static void tag(
      String comment, List<String> keys, Set<String> tags, Map<String, List<String>> tagged) {
    String tag = comment.strip();
    if (!keys.isEmpty() && tags.contains(tag)) {
      tagged.computeIfAbsent(tag, any -> new ArrayList<>()).addAll(keys);
    }
  }
}
