package io.runway.worker.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The audit trail for auditors and admins: verify the chain, export entries as JSON or CSV, a page at a time. */
@Tag(name = "Audit")
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

  static final MediaType TEXT_CSV = new MediaType("text", "csv");
  static final int DEFAULT_PAGE_SIZE = 500;
  static final int MAX_PAGE_SIZE = 5000;

  private final AuditTrail trail;

  AuditController(AuditTrail trail) {
    this.trail = trail;
  }

  @Operation(summary = "Verify the audit trail",
      description = "Recomputes the hash chain over every entry and says whether it is intact, and where it breaks if not.")
  @GetMapping("/verify")
  Verification verify(Authentication user) {
    AccessMatrix.AUDIT_VERIFY.require(Actors.of(user));
    return trail.verify();
  }

  @Operation(summary = "Export the audit trail",
      description = "Entries in order, a page at a time, optionally of one initiative and between from and to (an instant, or a UTC date). CSV with format=csv or Accept: text/csv, with the total in X-Total-Count and the next page in Link.")
  @ApiResponse(responseCode = "200", description = "A page of entries.", content = {
      @Content(mediaType = "application/json", schema = @Schema(implementation = AuditPage.class)),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
  /**
   * Entries in seq order. {@code from}/{@code to}: an instant ({@code 2026-11-23T17:00:00Z}) or a UTC
   * date ({@code 2026-11-23}, which as {@code to} includes that whole day). CSV for {@code format=csv}
   * or {@code Accept: text/csv}, with the total in {@code X-Total-Count} and the next page in {@code Link}.
   */
  @GetMapping
  ResponseEntity<?> export(
      @RequestParam(required = false) String initiativeKey,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      Authentication user) {
    AccessMatrix.AUDIT_EXPORT.require(Actors.of(user));
    boolean csv = wantsCsv(format, accept);
    AuditQuery query = ExportPeriod.query(initiativeKey, from, to);
    Paging paging = Paging.of(page, size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    int pageNumber = paging.page();
    int pageSize = paging.size();
    long total = trail.count(query);
    List<AuditEntry> entries = trail.find(query, paging.offset(), pageSize);
    if (!csv) {
      return ResponseEntity.ok(new PageResult<>(entries, pageNumber, pageSize, total));
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(TEXT_CSV)
        .header("X-Total-Count", Long.toString(total))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"runway-audit-page-" + pageNumber + ".csv\"");
    if ((long) (pageNumber + 1) * pageSize < total) {
      String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", pageNumber + 1)
          .build().toUriString();
      answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }
    return answer.body(AuditCsv.of(entries));
  }

  private static boolean wantsCsv(String format, String accept) {
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw ApiProblem.invalid("format", "must be json or csv");
      };
    }
    if (accept == null) {
      return false;
    }
    List<MediaType> accepted;
    try {
      accepted = MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException e) {
      throw new ApiProblem(HttpStatus.NOT_ACCEPTABLE, "The Accept header cannot be read (" + e.getMessage()
          + "); send Accept: application/json or text/csv, or format=json|csv.", null);
    }
    return accepted.stream().anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(TEXT_CSV));
  }
}
