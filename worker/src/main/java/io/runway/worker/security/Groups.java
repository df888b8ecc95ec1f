package io.runway.worker.security;

import io.runway.lifecycle.Lifecycle;
import java.util.List;

/** The groups (roles) Runway knows; a user's groups travel to the workflow in its {@code Actor}. */
public final class Groups {

  public static final String PROGRAM_OFFICE = Lifecycle.PROGRAM_OFFICE;
  public static final String SECURITY = "security";
  public static final String LEGAL = "legal";
  public static final String DATA_ENGINEERING = "data-engineering";
  public static final String ENGINEERING = "engineering";
  public static final String BUSINESS_VALIDATION = "business-validation";
  public static final String GOVERNANCE_BOARD = Lifecycle.GOVERNANCE_BOARD;
  public static final String OPERATIONS = "operations";
  public static final String AUDITOR = Lifecycle.AUDITOR;
  public static final String ADMIN = Lifecycle.ADMIN;
  /** A service role, not people: systems that push KPI and cost figures. It records them and reads value, nothing else. */
  public static final String VALUE_FEED = Lifecycle.VALUE_FEED;

  /** The groups of people: every read the matrix opens to "everyone" is open to them. */
  public static final List<String> PEOPLE =
      List.of(
          PROGRAM_OFFICE, SECURITY, LEGAL, DATA_ENGINEERING, ENGINEERING, BUSINESS_VALIDATION,
          GOVERNANCE_BOARD, OPERATIONS, AUDITOR, ADMIN);

  public static final List<String> ALL =
      List.of(
          PROGRAM_OFFICE, SECURITY, LEGAL, DATA_ENGINEERING, ENGINEERING, BUSINESS_VALIDATION,
          GOVERNANCE_BOARD, OPERATIONS, AUDITOR, ADMIN, VALUE_FEED);

  private Groups() {}
}
