package tunesmith.architecture.cycleb;

/** The other half of a deliberate package cycle (see LayeringTest). */
public final class B {
  public static int value() {
    return tunesmith.architecture.cyclea.A.class.getName().length();
  }
}
