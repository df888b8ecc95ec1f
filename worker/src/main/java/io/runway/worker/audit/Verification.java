package io.runway.worker.audit;

/**
 * The result of walking the chain from its first entry: {@code ok} when every entry follows its
 * predecessor and carries the hash of its own content; otherwise the first entry where that fails and
 * why. {@code headSeq}/{@code headHash} identify the last entry checked: note them, and a later check
 * that does not reach them shows that entries were removed from the end.
 */
public record Verification(
    boolean ok, long entries, Long firstBrokenSeq, String reason, Long headSeq, String headHash) {

  static Verification intact(long entries, Long headSeq, String headHash) {
    return new Verification(true, entries, null, null, headSeq, headHash);
  }

  static Verification brokenAt(long entries, long seq, String reason, Long headSeq, String headHash) {
    return new Verification(false, entries, seq, reason, headSeq, headHash);
  }
}
