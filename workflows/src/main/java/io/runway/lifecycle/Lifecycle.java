package io.runway.lifecycle;

/** Names shared by the workflow, the worker and the API, kept in one place. */
public final class Lifecycle {

  public static final String TASK_QUEUE = "runway-lifecycle";
  public static final String WORKFLOW_ID_PREFIX = "initiative-";
  /** Owners' findings tasks also go to this group, which acts for owners who are not Runway users. */
  public static final String PROGRAM_OFFICE = "program-office";
  public static final String GOVERNANCE_BOARD = "governance-board";
  /** Integration incidents (a system of record down past its retries) go to this group. */
  public static final String ENGINEERING = "engineering";
  /** Stops and starts serving initiatives a value review pauses or resumes, when the policy names no other group. */
  public static final String OPERATIONS = "operations";
  /** The service role of systems that push KPI and cost figures: may record actuals and read the value view. */
  public static final String VALUE_FEED = "value-feed";
  /** Reads everything, changes nothing: the update validators refuse every command from this group. */
  public static final String AUDITOR = "auditor";
  /** Manages Runway; the validators never let it decide a review, whatever other group it is in. */
  public static final String ADMIN = "admin";

  /**
   * Keys of the demo seed's sample initiatives ({@code runway.demo.seed}). Reserved: a launch or an
   * import row with such a key is refused, so sample data is never mixed with real records.
   */
  public static final String SAMPLE_KEY_PREFIX = "sample-";
  /** Sample initiatives of the past the seed writes straight into the read model: no workflow runs behind them. */
  public static final String SAMPLE_HISTORY_KEY_PREFIX = "sample-history-";

  private Lifecycle() {}

  public static boolean isSample(String initiativeKey) {
    return initiativeKey != null && initiativeKey.startsWith(SAMPLE_KEY_PREFIX);
  }

  public static boolean isSampleHistory(String initiativeKey) {
    return initiativeKey != null && initiativeKey.startsWith(SAMPLE_HISTORY_KEY_PREFIX);
  }

  public static String workflowId(String initiativeKey) {
    return WORKFLOW_ID_PREFIX + initiativeKey;
  }

  /** Task ids read as {@code <key>.<gate-slug>.<round>}, e.g. {@code fraud-scoring.security-review.1}. */
  public static String taskId(String initiativeKey, String slug, int round) {
    return initiativeKey + "." + slug + "." + round;
  }
}
