package tunesmith.cli;

/** Who the user is, for the records of who cancelled or retried and for the QoS limit. */
final class UserName {
  private UserName() {}

  /**
   * $USER, else the account the process runs as: the JVM reads {@code user.name} from the password
   * database (getpwuid), so a job or cron entry without $USER still names its user.
   */
  static String of(CliContext context) {
    String user = context.environment().get("USER");
    if (user != null && !user.isBlank()) {
      return user;
    }
    String account = System.getProperty("user.name");
    return account == null || account.isBlank() || account.equals("?") ? "unknown user" : account;
  }
}
