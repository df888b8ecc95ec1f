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

  public static final List<String> ALL =
      List.of(
          PROGRAM_OFFICE, SECURITY, LEGAL, DATA_ENGINEERING, ENGINEERING, BUSINESS_VALIDATION,
          GOVERNANCE_BOARD, OPERATIONS, AUDITOR, ADMIN);

  private Groups() {}
}
