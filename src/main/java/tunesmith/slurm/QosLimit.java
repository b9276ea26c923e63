package tunesmith.slurm;

import java.util.List;
import java.util.OptionalInt;

/**
 * The most jobs the user may have queued, from the QoS of their association (MaxSubmitJobsPerUser,
 * which sacctmgr calls MaxSubmitPU): the default for {@code submit --max-queued}. Empty where
 * sacctmgr cannot say (no accounting database, no limit, no sacctmgr).
 */
public final class QosLimit {
  private QosLimit() {}

  public static OptionalInt maxSubmitJobsPerUser(SlurmClient client, String user) {
    try {
      SlurmClient.Output qos =
          client.run(
              SlurmTool.SACCTMGR,
              List.of("-n", "-P", "show", "assoc", "where", "user=" + user, "format=DefaultQOS"));
      if (qos.exitCode() != 0) {
        return OptionalInt.empty();
      }
      String name =
          qos.out()
              .lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty())
              .findFirst()
              .orElse("");
      if (name.isEmpty()) {
        name = "normal";
      }
      SlurmClient.Output limit =
          client.run(
              SlurmTool.SACCTMGR,
              List.of("-n", "-P", "show", "qos", "where", "name=" + name, "format=MaxSubmitPU"));
      if (limit.exitCode() != 0) {
        return OptionalInt.empty();
      }
      return limit
          .out()
          .lines()
          .map(String::strip)
          .filter(line -> line.matches("[1-9]\\d{0,8}"))
          .mapToInt(Integer::parseInt)
          .findFirst();
    } catch (SlurmException missing) {
      return OptionalInt.empty();
    }
  }
}
