package tunesmith.architecture;

/** Code that breaks the layering rules on purpose, to show the rules can fail. */
final class Offenders {
  private Offenders() {}

  static final class Printer {
    void print() {
      System.out.println("not from tunesmith.cli");
    }
  }

  static final class Exiter {
    void exit() {
      System.exit(1);
    }
  }

  static final class VersionNamer {
    String target() {
      return tunesmith.profile.Profiles.CRUIJFF_KIT_0_3.id();
    }
  }
}
