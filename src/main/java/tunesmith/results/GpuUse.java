package tunesmith.results;

import java.util.OptionalDouble;

/**
 * What the job's GPU monitor ({@code nvidia-smi --format=csv -l 30 > gpu_metrics.csv}) saw: one row
 * per GPU every 30 s. Utilisation in percent, memory in MiB; a value nvidia-smi reports as {@code
 * [N/A]} (MIG slices report no utilisation) is left out, so a mean can be empty.
 */
public record GpuUse(
    int samples,
    OptionalDouble utilizationMean,
    OptionalDouble utilizationPeak,
    OptionalDouble memoryUsedMeanMib,
    OptionalDouble memoryUsedPeakMib,
    OptionalDouble memoryTotalMib) {}
