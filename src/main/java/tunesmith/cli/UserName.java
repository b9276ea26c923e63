package tunesmith.cli;

/** Who the user is, for the records of who cancelled or retried and for the QoS limit. */
final class UserName {
  private UserName() {}

  /** $USER. */
  static String of(CliContext context) {
    String user = context.environment().get("USER");
    return user == null || user.isBlank() ? "unknown user" : user;
  }
}
