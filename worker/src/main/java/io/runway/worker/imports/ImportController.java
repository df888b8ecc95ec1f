package io.runway.worker.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/initiatives/import} (a multipart upload in the part {@code file}, or the file as
 * the raw body), {@code GET /api/v1/imports/{id}} for progress, and the downloadable templates.
 */
@Tag(name = "Imports")
@RestController
class ImportController {

  private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

  private final InitiativeImports imports;

  ImportController(InitiativeImports imports) {
    this.imports = imports;
  }

  @Operation(summary = "Import initiatives",
      description = "Starts an import of a CSV or JSON inventory: each row is a launch with the same rules, idempotent by key, so an import sent twice creates nothing twice. Send the file in the multipart part file, or as the raw body in its own type (text/csv or application/json); format=csv|json when neither the type nor fileName says which. Rows are checked one by one: a broken row is reported in errors and the others go on.")
  @ApiResponse(responseCode = "202", description = "Accepted: the import runs; Location is where to follow it.", useReturnTypeSchema = true)
  @PostMapping(path = "/api/v1/initiatives/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportJob> upload(
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String format,
      Authentication user) {
    if (file == null) {
      throw ApiProblem.invalid("file", "is required: send the CSV or JSON file in the multipart part named 'file'");
    }
    ImportFormat resolved = format(format, file.getContentType(), file.getOriginalFilename());
    return accepted(imports.start(file.getOriginalFilename(), resolved, bytes(file), Actors.of(user)));
  }

  /**
   * The file as the raw body, in its own media type only: text/csv or application/json, which a form on
   * another site cannot send without the browser asking Runway first (a CORS preflight it refuses).
   * text/plain, which such a form can send, is a 415 like any other type.
   */
  @Operation(summary = "Import initiatives",
      description = "Starts an import of a CSV or JSON inventory: each row is a launch with the same rules, idempotent by key, so an import sent twice creates nothing twice. Send the file in the multipart part file, or as the raw body in its own type (text/csv or application/json); format=csv|json when neither the type nor fileName says which. Rows are checked one by one: a broken row is reported in errors and the others go on.")
  @ApiResponse(responseCode = "202", description = "Accepted: the import runs; Location is where to follow it.", useReturnTypeSchema = true)
  @PostMapping(path = "/api/v1/initiatives/import", consumes = {"text/csv", "application/json"})
  ResponseEntity<ImportJob> raw(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String fileName,
      Authentication user) {
    ImportFormat resolved = format(format, contentType, fileName);
    return accepted(imports.start(fileName, resolved, body, Actors.of(user)));
  }

  @Operation(summary = "Follow an import",
      description = "How far the import has got: rows processed, launched, already present and failed, with each failed row's reason.")
  @GetMapping("/api/v1/imports/{id}")
  ImportJob progress(@PathVariable String id, Authentication user) {
    return imports.progress(id, Actors.of(user));
  }

  @Operation(summary = "Download the import template",
      description = "An empty file in the chosen format with every column (CSV) or field (JSON) an import reads.")
  @ApiResponse(responseCode = "200", description = "The template, as an attachment.", content = {
      @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
      @Content(mediaType = "application/json", schema = @Schema(type = "string"))})
  @GetMapping("/api/v1/initiatives/import/template")
  ResponseEntity<String> template(@RequestParam(defaultValue = "csv") String format) {
    ImportFormat resolved = parse(format);
    String extension = resolved.name().toLowerCase(Locale.ROOT);
    return ResponseEntity.ok()
        .contentType(resolved == ImportFormat.CSV ? TEXT_CSV : MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("runway-import-template." + extension).build().toString())
        .body(imports.template(resolved));
  }

  private static ResponseEntity<ImportJob> accepted(ImportJob job) {
    return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id())).body(job);
  }

  /** An explicit ?format= wins, then the content type, then the file name's extension. */
  private static ImportFormat format(String format, String contentType, String fileName) {
    if (format != null && !format.isBlank()) {
      return parse(format);
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (type.startsWith("text/csv") || name.endsWith(".csv")) {
      return ImportFormat.CSV;
    }
    if (type.startsWith("application/json") || name.endsWith(".json")) {
      return ImportFormat.JSON;
    }
    throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Cannot tell whether the file is CSV or JSON; send it as text/csv or application/json, name it .csv or .json, or add ?format=csv|json.",
        null);
  }

  private static ImportFormat parse(String format) {
    return switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "csv" -> ImportFormat.CSV;
      case "json" -> ImportFormat.JSON;
      default -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "format: '" + format + "' is not one of [csv, json]",
          java.util.List.of(new ApiProblem.FieldProblem("format", "'" + format + "' is not one of [csv, json]",
              java.util.List.of("csv", "json"))));
    };
  }

  private static byte[] bytes(MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
