package tunesmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A TEST STAND-IN for sbatch that fails the way a cluster does, around the real sbatch of the local
 * cluster: for its n-th call it does what line n of its plan says (any call past the plan passes):
 *
 * <ul>
 *   <li>{@code pass}: the real sbatch, as it is;
 *   <li>{@code kill-before}: SIGKILLs its caller (tunesmith) before sbatch runs: no job;
 *   <li>{@code kill-after}: the real sbatch accepts the job, then the caller is SIGKILLed before it
 *       reads the job id (the job id is kept in {@code accepted});
 *   <li>{@code hang}: the real sbatch accepts the job, then it never answers (kept in {@code
 *       accepted});
 *   <li>{@code unreachable}: the real sbatch with a copy of slurm.conf whose SlurmctldPort nothing
 *       listens on: slurmctld is down for it, the shared daemon is untouched;
 *   <li>{@code refuse}: the real sbatch asked for a feature the cluster lacks: SLURM refuses it.
 * </ul>
 *
 * Whether a job was accepted is read from what happened (the {@code accepted} file), never from
 * timing.
 */
public final class FaultySbatch {
  private final Path root;

  private FaultySbatch(Path root) {
    this.root = root;
  }

  public static FaultySbatch install(Path root) {
    FaultySbatch sbatch = new FaultySbatch(root);
    try {
      Files.createDirectories(root);
      String conf = Files.readString(Path.of("/etc/slurm/slurm.conf"));
      String broken =
          conf.lines()
                  .filter(line -> !line.startsWith("SlurmctldPort="))
                  .collect(Collectors.joining("\n"))
              + "\nSlurmctldPort=9\n";
      Files.writeString(root.resolve("unreachable.conf"), broken);
      Files.writeString(root.resolve("plan"), "");
      Path script = sbatch.program();
      Files.writeString(
          script,
          """
          #!/bin/bash
          # TEST STAND-IN around the local cluster's sbatch (FaultySbatch): line n of the plan says
          # what its n-th call does.
          dir=$(dirname "$0")
          n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
          echo "$n" > "$dir/count"
          mode=$(sed -n "${n}p" "$dir/plan")
          case "$mode" in
            kill-before) kill -9 "$PPID"; exit 0 ;;
            unreachable) SLURM_CONF="$dir/unreachable.conf" exec /usr/bin/sbatch "$@" ;;
            refuse) exec /usr/bin/sbatch --constraint=no_such_feature "$@" ;;
          esac
          out=$(/usr/bin/sbatch "$@"); rc=$?
          case "$mode" in
            kill-after) echo "$out" >> "$dir/accepted"; kill -9 "$PPID"; exit 0 ;;
            hang) echo "$out" >> "$dir/accepted"; exec sleep 3600 ;;
          esac
          echo "$out"
          exit "$rc"
          """);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sbatch;
  }

  public Path program() {
    return root.resolve("sbatch");
  }

  /** What the next calls do, in order; the calls counted so far are kept. */
  public void plan(String... modes) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < calls(); i++) {
      lines.add("pass");
    }
    lines.addAll(Arrays.asList(modes));
    Fixtures.write(root.resolve("plan"), String.join("\n", lines) + "\n");
  }

  /** How many times it was called. */
  public int calls() {
    Path count = root.resolve("count");
    return Files.exists(count) ? Integer.parseInt(Fixtures.read(count).strip()) : 0;
  }

  /** The job ids the real sbatch gave to calls that then died or hung. */
  public List<String> accepted() {
    Path file = root.resolve("accepted");
    return Files.exists(file)
        ? Fixtures.read(file).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()
        : List.of();
  }

  /**
   * Every job the local cluster still holds whose tag is one of this experiment's, by key ({@code
   * 123}, {@code 123_4}), with its tag.
   */
  public static Map<String, String> taggedJobs(String experimentId) {
    CliResult squeue =
        Processes.run(List.of("squeue", "-t", "all", "-h", "-r", "-o", "%i|%k"), null, null, 30);
    if (squeue.exitCode() != 0) {
      throw new AssertionError("squeue failed: " + squeue.describe());
    }
    Map<String, String> jobs = new TreeMap<>();
    for (String line : squeue.out().lines().toList()) {
      String[] fields = line.strip().split("\\|", 2);
      if (fields.length == 2 && fields[1].startsWith("tunesmith:" + experimentId + ":")) {
        jobs.put(fields[0], fields[1]);
      }
    }
    return jobs;
  }

  /** Cancels the jobs of {@code keys} that may still be queued (the end of a test). */
  public static void cancel(Set<String> keys) {
    Set<String> ids = keys.stream().map(key -> key.split("_", 2)[0]).collect(Collectors.toSet());
    if (!ids.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("scancel"));
      command.addAll(ids);
      Processes.run(command, null, null, 30);
    }
  }
}
