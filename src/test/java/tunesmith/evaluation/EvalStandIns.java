package tunesmith.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test stand-ins for what a cell's job runs: {@code inspect} (parses its arguments as inspect-ai
 * does: each key=value through yaml.safe_load, strings split at commas; records them in
 * inspect-args.json; writes a .eval zip; exits 3 for the model named by
 * STANDIN_INSPECT_FAIL_MODEL), {@code nvidia-smi} (a monitor that runs until killed), {@code
 * module} and {@code conda}.
 */
final class EvalStandIns {
  static final String ARGS_FILE = "inspect-args.json";
  static final String FAIL_MODEL_VARIABLE = "STANDIN_INSPECT_FAIL_MODEL";
  static final int FAILING_EXIT_CODE = 3;

  private static final String INSPECT =
      """
      #!/usr/bin/python3
      # TEST STAND-IN for inspect-ai's `inspect eval` (tunesmith's tests). Not inspect-ai.
      import datetime, json, os, sys, yaml, zipfile
      args = sys.argv[1:]
      if len(args) < 2 or args[0] != "eval":
          print("inspect stand-in: expected 'eval TASK ...', got %r" % args, file=sys.stderr)
          sys.exit(64)
      def value(text):
          parsed = yaml.safe_load(text)  # inspect-ai's _cli/util.py does this to every value
          if isinstance(parsed, str) and "," in parsed:
              parsed = parsed.split(",")
          return parsed
      out = {"task": args[1], "T": {}, "M": {}, "metadata": {}, "options": {}, "cwd": os.getcwd(),
             "job": os.environ.get("SLURM_JOB_ID")}
      groups = {"-T": "T", "-M": "M", "--metadata": "metadata"}
      i = 2
      while i < len(args):
          flag = args[i]
          if flag in groups:
              key, _, text = args[i + 1].partition("=")
              out[groups[flag]][key] = value(text)
          else:
              out["options"][flag] = args[i + 1]
          i += 2
      with open(out["T"]["config_path"]) as config:
          out["config"] = yaml.safe_load(config)
      with open("inspect-args.json", "w") as record:
          json.dump(out, record)
      failing = out["options"]["--model"] == os.environ.get("STANDIN_INSPECT_FAIL_MODEL")
      log_dir = out["options"]["--log-dir"]
      os.makedirs(log_dir, exist_ok=True)
      created = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H-%M-%S-%f+00-00")
      name = "%s_%s_standin.eval" % (created, args[1].split("@")[-1])
      header = {"version": 2, "status": "error" if failing else "success",
                "eval": {"task": args[1], "model": out["options"]["--model"], "metadata": out["metadata"]}}
      if failing:
          header["error"] = {"message": "stand-in failure on purpose"}
      else:
          header["results"] = {"scores": [{"name": "match", "metrics": {
              "accuracy": {"name": "accuracy", "value": 0.75}, "stderr": {"name": "stderr", "value": 0.05}}}]}
      with zipfile.ZipFile(os.path.join(log_dir, name), "w") as log:
          log.writestr("_journal/start.json", json.dumps({"version": 2}))
          log.writestr("header.json", json.dumps(header))
      if failing:
          print("inspect stand-in: failing on purpose", file=sys.stderr)
          sys.exit(3)
      """;

  private final Path bin;
  private final Path calls;

  private EvalStandIns(Path root) {
    this.bin = root.resolve("bin");
    this.calls = root.resolve("calls");
  }

  static EvalStandIns install(Path root) {
    EvalStandIns standIns = new EvalStandIns(root);
    try {
      Files.createDirectories(standIns.bin);
      Files.createDirectories(standIns.calls);
      executable(standIns.bin.resolve("inspect"), INSPECT);
      executable(
          standIns.bin.resolve("nvidia-smi"),
          "#!/bin/bash\n# TEST STAND-IN for nvidia-smi: a monitor that runs until it is killed.\n"
              + "echo timestamp\nexec sleep 600\n");
      for (String tool : new String[] {"module", "conda"}) {
        executable(
            standIns.bin.resolve(tool),
            "#!/bin/bash\n# TEST STAND-IN for `"
                + tool
                + "`.\nprintf '%s\\n' \"$*\" >> '"
                + standIns.calls.resolve(tool)
                + "'\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return standIns;
  }

  Path bin() {
    return bin;
  }

  Path calls() {
    return calls;
  }

  /** PATH with the stand-ins first; the model whose inspect fails. */
  Map<String, String> environment(Path home, String failingModel) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put(FAIL_MODEL_VARIABLE, failingModel);
    return env;
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
