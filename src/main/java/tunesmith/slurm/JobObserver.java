package tunesmith.slurm;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks SLURM about jobs, by key ({@code 123} for a job, {@code 123_4} for task 4 of array job 123):
 * squeue for the jobs still queued or running, then sacct for the others, or, where accounting is
 * off (sacct fails), scontrol, which remembers finished jobs for MinJobAge. A job none of them
 * knows is left out of the answer.
 */
public final class JobObserver {
  /** squeue and scontrol's answer for ids that SLURM does not (or no longer) know. */
  private static final String INVALID_JOB_ID = "Invalid job id specified";

  private static final String SQUEUE_FORMAT = "%F|%K|%T|%M";
  private static final Pattern SCONTROL_FIELD =
      Pattern.compile("(?:^|\\s)(JobId|ArrayJobId|ArrayTaskId|JobState|RunTime)=(\\S*)");

  private final SlurmClient client;

  public JobObserver(SlurmClient client) {
    this.client = client;
  }

  /** What SLURM says about each key it knows. */
  public Map<String, ObservedJob> observe(Set<String> keys) throws SlurmException {
    Map<String, ObservedJob> found = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    squeue(baseIds(keys), found);
    Set<String> rest = missing(keys, found);
    if (!rest.isEmpty() && !sacct(baseIds(rest), found)) {
      for (String jobId : baseIds(rest)) {
        scontrol(jobId, found);
      }
    }
    found.keySet().retainAll(keys);
    return found;
  }

  private void squeue(Set<String> jobIds, Map<String, ObservedJob> found) throws SlurmException {
    SlurmClient.Output output =
        client.run(
            SlurmTool.SQUEUE,
            List.of("-h", "-r", "-o", SQUEUE_FORMAT, "--jobs=" + String.join(",", jobIds)));
    if (output.exitCode() != 0) {
      if (output.message().contains(INVALID_JOB_ID)) {
        return;
      }
      throw client.failure(SlurmTool.SQUEUE, output);
    }
    for (String line : output.out().split("\n")) {
      String[] fields = line.strip().split("\\|", -1);
      if (fields.length != 4) {
        continue;
      }
      ObservedJob job = new ObservedJob(fields[2], SlurmDuration.normalize(fields[3]), "squeue");
      List<Integer> tasks = ArrayTaskIds.expand(fields[1]);
      if (tasks.isEmpty()) {
        found.put(fields[0], job);
      }
      tasks.forEach(task -> found.put(fields[0] + "_" + task, job));
    }
  }

  /** Whether accounting answered; false sends the caller to scontrol. */
  private boolean sacct(Set<String> jobIds, Map<String, ObservedJob> found) {
    SlurmClient.Output output;
    try {
      output =
          client.run(
              SlurmTool.SACCT,
              List.of(
                  "-P", "-n", "-X", "-o", "JobID,State,Elapsed", "-j", String.join(",", jobIds)));
    } catch (SlurmException unavailable) {
      return false;
    }
    if (output.exitCode() != 0) {
      return false;
    }
    for (String line : output.out().split("\n")) {
      String[] fields = line.strip().split("\\|", -1);
      if (fields.length != 3) {
        continue;
      }
      ObservedJob job = new ObservedJob(fields[1], SlurmDuration.normalize(fields[2]), "sacct");
      int underscore = fields[0].indexOf('_');
      if (underscore < 0) {
        found.put(fields[0], job);
      } else {
        String arrayJobId = fields[0].substring(0, underscore);
        ArrayTaskIds.expand(fields[0].substring(underscore + 1))
            .forEach(task -> found.put(arrayJobId + "_" + task, job));
      }
    }
    return true;
  }

  private void scontrol(String jobId, Map<String, ObservedJob> found) throws SlurmException {
    SlurmClient.Output output = client.run(SlurmTool.SCONTROL, List.of("-o", "show", "job", jobId));
    if (output.exitCode() != 0) {
      if (output.message().contains(INVALID_JOB_ID)) {
        return;
      }
      throw client.failure(SlurmTool.SCONTROL, output);
    }
    for (String line : output.out().split("\n")) {
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher m = SCONTROL_FIELD.matcher(line);
      while (m.find()) {
        fields.putIfAbsent(m.group(1), m.group(2));
      }
      if (!fields.containsKey("JobId") || !fields.containsKey("JobState")) {
        continue;
      }
      ObservedJob job =
          new ObservedJob(
              fields.get("JobState"),
              SlurmDuration.normalize(fields.getOrDefault("RunTime", "")),
              "scontrol");
      if (fields.containsKey("ArrayJobId")) {
        String arrayJobId = fields.get("ArrayJobId");
        ArrayTaskIds.expand(fields.getOrDefault("ArrayTaskId", ""))
            .forEach(task -> found.put(arrayJobId + "_" + task, job));
      } else {
        found.put(fields.get("JobId"), job);
      }
    }
  }

  private static Set<String> baseIds(Set<String> keys) {
    Set<String> ids = new LinkedHashSet<>();
    keys.forEach(key -> ids.add(key.split("_", 2)[0]));
    return ids;
  }

  private static Set<String> missing(Set<String> keys, Map<String, ObservedJob> found) {
    Set<String> rest = new LinkedHashSet<>(keys);
    rest.removeAll(found.keySet());
    return rest;
  }
}
