package tunesmith.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tunesmith.scaffold.PlannedRun;
import tunesmith.scaffold.ScaffoldPlan;
import tunesmith.verify.RunVerifier;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-check every run directory against the plan (after hand edits, or before submitting).",
        footer = {"", "Examples:", "  tunesmith verify", "  tunesmith verify experiments/cap_sweep",
                "", "Exit codes: 0 every run matches; 1 some runs differ or are incomplete; 2 invalid input."})
final class VerifyCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ExperimentArgument experiment;

    @Mixin
    CommonOptions common;

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    private static String json(ScaffoldPlan plan, java.util.Map<String, List<String>> results) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("experiment", plan.experiment().directory().toString());
            json.writeArrayFieldStart("runs");
            for (var entry : results.entrySet()) {
                json.writeStartObject();
                json.writeStringField("name", entry.getKey());
                boolean incomplete = !entry.getValue().isEmpty() && entry.getValue().stream().allMatch(m -> m.startsWith("incomplete"));
                json.writeStringField("status", entry.getValue().isEmpty() ? "ok" : incomplete ? "incomplete" : "mismatch");
                json.writeArrayFieldStart("mismatches");
                for (String mismatch : entry.getValue()) {
                    json.writeString(mismatch);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text + "\n";
    }

    @Override
    public Integer call() {
        Optional<ScaffoldPlan> loaded = experiment.loadPlan(context, common);
        if (loaded.isEmpty()) {
            return ExitCode.INVALID_INPUT;
        }
        ScaffoldPlan plan = loaded.get();
        int bad = 0;
        StringBuilder out = new StringBuilder("## Verify\n\n");
        java.util.Map<String, List<String>> results = new java.util.LinkedHashMap<>();
        for (PlannedRun run : plan.runs()) {
            List<String> mismatches = RunVerifier.verify(run.directory(), run.config(), run.designed());
            results.put(run.run().name(), mismatches);
            if (mismatches.isEmpty()) {
                out.append("✓ ").append(run.run().name()).append("/\n");
            } else {
                bad++;
                boolean incomplete = mismatches.stream().allMatch(text -> text.startsWith("incomplete"));
                out.append("✗ ").append(run.run().name()).append("/ ").append(incomplete ? "(incomplete)" : "(differs from the plan)").append('\n');
                mismatches.forEach(mismatch -> out.append("  - ").append(mismatch).append('\n'));
            }
        }
        out.append('\n').append(plan.runs().size() - bad).append(" of ").append(plan.runs().size()).append(" runs match the plan.\n");
        if (common.json) {
            context.out().print(json(plan, results));
        }
        if (!common.quiet || bad > 0) {
            (common.json ? context.err() : context.out()).print(out);
        }
        return bad == 0 ? ExitCode.OK : ExitCode.RUNS_FAILED;
    }
}
