package tunesmith.cli;

import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.ReportJson;

/** What opens every command's --json report: the command, the experiment, its claude.local.md. */
final class Headers {
  private Headers() {}

  static ReportJson.Header of(String command, ScaffoldPlan plan) {
    return new ReportJson.Header(
        command, plan.experiment().name(), plan.experiment().directory(), plan.local().source());
  }
}
