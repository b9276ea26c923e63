package tunesmith.architecture.cyclea;

/** One half of a deliberate package cycle (see LayeringTest). */
public final class A {
  public static int value() {
    return tunesmith.architecture.cycleb.B.value() + 1;
  }
}
