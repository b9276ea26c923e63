package tunesmith.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loads a YAML text with the real consumers of finetune.yaml, Debian's /usr/bin/python3 with PyYAML
 * ({@code yaml.safe_load}) and OmegaConf (resolving interpolations, as torchtune reads keys), in
 * one process. Each top-level key's value comes back as its Python type and text.
 */
public final class PythonScalarLoaders {
  public static final String PYTHON = "/usr/bin/python3";

  /** What one loader made of one value: Python type name and str() of the value (or the error). */
  public record Loaded(String type, String text) {
    public boolean isFloat() {
      return type.equals("float");
    }

    public boolean isString() {
      return type.equals("str");
    }
  }

  /**
   * Per top-level key (dotted paths for nested keys may be asked for): PyYAML's and OmegaConf's
   * readings.
   */
  public record Readings(Map<String, Loaded> pyyaml, Map<String, Loaded> omegaconf) {}

  private static final String SCRIPT =
      """
            import sys, yaml
            from omegaconf import OmegaConf
            text = open(sys.argv[1], encoding='utf-8').read()
            keys = [line for line in open(sys.argv[2], encoding='utf-8').read().split('\\n') if line]
            def enc(v):
                return type(v).__name__ + '\\t' + (str(v) if not isinstance(v, bytes) else repr(v)).encode('utf-8', 'surrogatepass').hex()
            def get(tree, path, attr):
                for part in path.split('.'):
                    tree = tree[part]
                return tree
            out = []
            data = yaml.safe_load(text)
            cfg = OmegaConf.create(text)
            for key in keys:
                try:
                    a = enc(get(data, key, False))
                except Exception as e:
                    a = 'error\\t' + (type(e).__name__ + ': ' + str(e)).encode('utf-8').hex()
                try:
                    b = get(cfg, key, True)
                    if OmegaConf.is_config(b):
                        b = OmegaConf.to_container(b, resolve=True)
                    b = enc(b)
                except Exception as e:
                    b = 'error\\t' + (type(e).__name__ + ': ' + str(e)).encode('utf-8').hex()
                out.append(key + '\\t' + a + '\\t' + b)
            sys.stdout.write('\\n'.join(out) + '\\n')
            """;

  private PythonScalarLoaders() {}

  public static Readings load(String yaml, List<String> keys, Path workDir)
      throws IOException, InterruptedException {
    Path yamlFile = Files.createTempFile(workDir, "loaders", ".yaml");
    Path keysFile = Files.createTempFile(workDir, "keys", ".txt");
    Files.writeString(yamlFile, yaml, StandardCharsets.UTF_8);
    Files.writeString(keysFile, String.join("\n", keys) + "\n", StandardCharsets.UTF_8);
    if (!Files.isExecutable(Path.of(PYTHON))) {
      throw new AssertionError(
          PYTHON
              + " is missing: install python3, python3-yaml and python3-omegaconf (scripts/test does)");
    }
    Process process =
        new ProcessBuilder(PYTHON, "-c", SCRIPT, yamlFile.toString(), keysFile.toString())
            .redirectErrorStream(false)
            .start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(
          "python failed (needs python3-yaml and python3-omegaconf): "
              + new String(err, StandardCharsets.UTF_8)
              + "\nfor YAML:\n"
              + yaml);
    }
    Map<String, Loaded> pyyaml = new LinkedHashMap<>();
    Map<String, Loaded> omegaconf = new LinkedHashMap<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\t", -1);
      pyyaml.put(parts[0], new Loaded(parts[1], decode(parts[2])));
      omegaconf.put(parts[0], new Loaded(parts[3], decode(parts[4])));
    }
    return new Readings(pyyaml, omegaconf);
  }

  private static String decode(String hex) {
    return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
  }
}
