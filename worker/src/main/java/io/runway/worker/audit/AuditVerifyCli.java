package io.runway.worker.audit;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Verifies the audit chain straight from PostgreSQL, without starting Runway: for auditors, and for a
 * scheduled check. Exit status 0 intact, 1 broken (the first broken entry is printed), 2 usage, 3
 * database unreachable. The password is read from an environment variable, never from the command line.
 *
 * <pre>
 * PGPASSWORD=... java -cp runway-worker.jar -Dloader.main=io.runway.worker.audit.AuditVerifyCli \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     --url jdbc:postgresql://localhost:5432/runway --user runway_app
 * </pre>
 */
public final class AuditVerifyCli {

  static final int INTACT = 0;
  static final int BROKEN = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  private static final String USAGE_TEXT = """
      usage: AuditVerifyCli --url <jdbc:postgresql://host:port/database> --user <role> [--password-env <VARIABLE>]
        Walks Runway's audit trail (table audit_entry) and reports the first broken link.
        The password is read from the environment variable named by --password-env (default PGPASSWORD).
        Exit status: 0 intact, 1 broken, 2 usage, 3 database unreachable.""";

  private AuditVerifyCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.getenv()::get));
  }

  static int run(String[] args, PrintStream out, UnaryOperator<String> environment) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        out.println(USAGE_TEXT);
        return USAGE;
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    String url = options.remove("url");
    String user = options.remove("user");
    String passwordVariable = options.getOrDefault("password-env", "PGPASSWORD");
    options.remove("password-env");
    if (url == null || user == null || !options.isEmpty()) {
      out.println(USAGE_TEXT);
      return USAGE;
    }
    Properties login = new Properties();
    login.setProperty("user", user);
    String password = environment.apply(passwordVariable);
    if (password != null) {
      login.setProperty("password", password);
    }
    Verification result;
    try (Connection connection = DriverManager.getConnection(url, login)) {
      connection.setReadOnly(true);
      result = ChainVerifier.verify(connection);
    } catch (SQLException e) {
      out.println("ERROR: cannot read the audit trail at " + url + " as " + user + ": " + e.getMessage());
      return UNREACHABLE;
    }
    if (result.ok()) {
      out.println("OK: the audit trail is intact: " + result.entries() + " entries"
          + (result.headSeq() == null ? "." : "; head " + result.headSeq() + " " + result.headHash()));
      return INTACT;
    }
    out.println("BROKEN at entry " + result.firstBrokenSeq() + ": " + result.reason());
    out.println((result.headSeq() == null ? "no entry" : "entries up to " + result.headSeq()) + " are intact"
        + (result.headHash() == null ? "." : " (head hash " + result.headHash() + ")."));
    return BROKEN;
  }
}
