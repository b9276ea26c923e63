package tunesmith.render;

import java.util.Map;
import tunesmith.target.Target;

/**
 * What a target's finetune.slurm runs around training, besides {@code tune run}.
 *
 * @param monitorsGpus log nvidia-smi every 30 s into {output_dir}gpu_metrics.csv while training
 * @param runsPostFinetune run cruijff_kit's post_finetune step when training succeeded
 */
record JobSteps(boolean monitorsGpus, boolean runsPostFinetune) {
  private static final Map<Target, JobSteps> BY_TARGET =
      Map.of(
          Target.CRUIJFF_KIT_2026_01, new JobSteps(false, false),
          Target.CRUIJFF_KIT_0_3, new JobSteps(true, true));

  static JobSteps of(Target target) {
    return BY_TARGET.get(target);
  }
}
