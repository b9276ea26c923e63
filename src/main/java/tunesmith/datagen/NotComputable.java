package tunesmith.datagen;

/** What cruijff_kit's Python would do with a value cannot be reproduced here, or it would fail. */
final class NotComputable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotComputable(String reason) {
    super(reason, null, false, false);
  }
}
