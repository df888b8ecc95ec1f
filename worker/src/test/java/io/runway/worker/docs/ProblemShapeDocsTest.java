package io.runway.worker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.ApiProblem.FieldProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The error shape the docs promise is the one every answer is built with: each 422 lists
 * {@code errors[{field, message, allowedValues}]}, and one about the request as a whole names the
 * field the docs name. (Every 422 path builds its body through {@link ApiProblem#fieldsOf}; the bad
 * input sweep checks real answers.)
 */
class ProblemShapeDocsTest {

  @Test
  void aWholeRequest422CarriesTheFieldTheDocsName() throws IOException {
    String docs = Files.readString(Docs.ROOT.resolve("docs/integrations.md"));
    assertThat(docs).contains("`errors[{field, message, allowedValues}]`").contains("`" + ApiProblem.WHOLE_REQUEST + "`");

    List<FieldProblem> whole = ApiProblem.fieldsOf(HttpStatus.UNPROCESSABLE_CONTENT, "data readiness cannot be approved", null);
    assertThat(whole).containsExactly(new FieldProblem(ApiProblem.WHOLE_REQUEST, "data readiness cannot be approved"));
    List<FieldProblem> named = List.of(new FieldProblem("riskTier", "'X' is not one of [...]", List.of("MINIMAL")));
    assertThat(ApiProblem.fieldsOf(HttpStatus.UNPROCESSABLE_CONTENT, "riskTier: ...", named)).isEqualTo(named);
    assertThat(ApiProblem.fieldsOf(HttpStatus.CONFLICT, "already claimed", null)).as("only 422s list fields").isEmpty();
  }
}
