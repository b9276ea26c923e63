package tunesmith.torchtune;

import tunesmith.profile.Profile;

/**
 * One way a finetune.yaml would fail in its target's readers: the node (dotted path, empty for the
 * top level), the key, and why.
 */
public record ComponentProblem(Profile target, String node, String key, String reason) {

  /** A message naming the run, the node, the key and the target. */
  public String describe(String run) {
    String where = node.isEmpty() ? key : node + "." + key;
    return run + ": " + where + ": " + reason + " (target " + target.id() + ")";
  }
}
