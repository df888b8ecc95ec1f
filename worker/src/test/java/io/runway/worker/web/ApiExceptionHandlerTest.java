package io.runway.worker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** A database that is down or too busy is a 503 to retry, never a 500. */
class ApiExceptionHandlerTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();

  @Test
  void aTransactionThatCannotGetAConnectionIsServiceUnavailable() {
    var exhausted = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms"));

    assertServiceUnavailable(handler.databaseUnavailable(exhausted));
  }

  @Test
  void aDatabaseThatIsDownIsServiceUnavailable() {
    assertServiceUnavailable(handler.databaseUnavailable(new CannotGetJdbcConnectionException("connection refused")));
  }

  private static void assertServiceUnavailable(ResponseEntity<Object> response) {
    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(((ProblemDetail) response.getBody()).getDetail()).contains("retry");
  }
}
