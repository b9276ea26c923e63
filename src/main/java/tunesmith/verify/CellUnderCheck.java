package tunesmith.verify;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tunesmith.evaluation.CellScript;
import tunesmith.evaluation.EvalCell;
import tunesmith.evaluation.EvalYaml;

/**
 * What the readiness check needs of one evaluation cell: its directory and the text tunesmith
 * writes now for each of its files.
 *
 * @param name {@code {run}/eval/{cell}}, as reports name it
 * @param expected file name -> the text tunesmith writes for it now, in writing order
 */
public record CellUnderCheck(String name, Path directory, Map<String, String> expected) {
  public CellUnderCheck {
    expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
  }

  /**
   * @param moduleLines claude.local.md's "Module System" lines
   * @param condaEnv the environment the cell activates
   */
  public static CellUnderCheck of(EvalCell cell, List<String> moduleLines, String condaEnv) {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put(EvalCell.EVAL_YAML, EvalYaml.render(cell));
    texts.put(EvalCell.CELL_SLURM, CellScript.render(cell, moduleLines, condaEnv));
    return new CellUnderCheck(name(cell), cell.directory(), texts);
  }

  /** {@code {run}/eval/{cell}}. */
  public static String name(EvalCell cell) {
    return cell.run().name() + "/eval/" + cell.name();
  }
}
