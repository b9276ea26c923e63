package tunesmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TEST STAND-INS for what a finetune.slurm calls on a compute node ({@code module}, {@code conda},
 * {@code tune}), for jobs that really run on the local SLURM cluster. They reach the job through
 * PATH: sbatch exports the environment tunesmith was given ({@code --export=ALL}). The {@code tune}
 * stand-in checks its arguments and working directory, loads the config as torchtune would
 * (Debian's /usr/bin/python3 with OmegaConf, interpolations resolved), writes {@link #MARKER} into
 * the config's output_dir, and exits 1 for the run named by {@link #FAIL_RUN_VARIABLE}.
 */
public final class JobStandIns {
  public static final String MARKER = "tune-stand-in.marker";
  public static final String FAIL_RUN_VARIABLE = "STANDIN_TUNE_FAIL_RUN";
  private static final String CALLS_VARIABLE = "STANDIN_CALLS";

  private static final String TUNE =
      """
            #!/bin/bash
            # TEST STAND-IN for torchtune's `tune` (tunesmith's SLURM tests). Not torchtune.
            if [ "$#" -ne 4 ] || [ "$1" != run ] || [ -z "$2" ] || [ "$3" != --config ]; then
              echo "tune stand-in: expected 'run RECIPE --config FILE', got: $*" >&2; exit 64
            fi
            if [ "$4" != "$PWD/finetune.yaml" ]; then
              echo "tune stand-in: config $4 is not finetune.yaml in the working directory $PWD" >&2; exit 65
            fi
            exec /usr/bin/python3 - "$2" "$4" <<'PY'
            import os, sys
            from omegaconf import OmegaConf
            recipe, config = sys.argv[1], sys.argv[2]
            cfg = OmegaConf.to_container(OmegaConf.load(config), resolve=True)
            run = cfg["my_wandb_run_name"]
            with open(os.path.join(cfg["output_dir"], "tune-stand-in.marker"), "w") as marker:
                marker.write("run=%s\\nrecipe=%s\\nconfig=%s\\nlr=%r\\nlora_rank=%r\\njob=%s\\n" % (run, recipe, config,
                             cfg["optimizer"]["lr"], cfg["model"]["lora_rank"], os.environ.get("SLURM_JOB_ID")))
            if run == os.environ.get("STANDIN_TUNE_FAIL_RUN"):
                print("tune stand-in: failing run %s on purpose" % run, file=sys.stderr)
                sys.exit(1)
            PY
            """;

  private final Path bin;
  private final Path calls;

  private JobStandIns(Path root) {
    this.bin = root.resolve("bin");
    this.calls = root.resolve("calls");
  }

  /** Writes the stand-ins under {@code root}/bin. */
  public static JobStandIns install(Path root) {
    JobStandIns standIns = new JobStandIns(root);
    try {
      Files.createDirectories(standIns.bin);
      Files.createDirectories(standIns.calls);
      executable(standIns.bin.resolve("tune"), TUNE);
      for (String tool : new String[] {"module", "conda"}) {
        executable(
            standIns.bin.resolve(tool),
            "#!/bin/bash\n# TEST STAND-IN for `"
                + tool
                + "` (tunesmith's SLURM tests).\n"
                + "printf '%s\\n' \"$*\" >> \"$"
                + CALLS_VARIABLE
                + "/"
                + tool
                + "\"\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return standIns;
  }

  /**
   * The environment to run tunesmith with so that its jobs find the stand-ins: {@link
   * Cli#DEFAULT_ENV}, PATH with the stand-ins first (then the system's, where sbatch & co. are),
   * HOME, and the run whose training fails.
   */
  public Map<String, String> environment(Path home, String failingRun) {
    Map<String, String> env = new LinkedHashMap<>(Cli.DEFAULT_ENV);
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put(CALLS_VARIABLE, calls.toString());
    env.put(FAIL_RUN_VARIABLE, failingRun);
    return env;
  }

  public Path calls() {
    return calls;
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
