package io.runway.worker.imports;

import io.runway.worker.initiative.LaunchBody;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.StrictJson;
import io.runway.worker.web.StrictJsonReader;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a whole import file into rows. A file that cannot be read as a whole (empty, not text, not
 * CSV/JSON, wrong header, too many rows, a field repeated in a JSON object) is refused with a 4xx and
 * nothing is stored; a row that is wrong becomes a row error and the other rows still launch. Rows are
 * read with the launch API's own strict reader and bean validation, and a key repeated in the file is
 * an error on its later rows.
 */
@Component
class ImportFile {

  private final JsonMapper json;
  private final Validator validator;
  private final ImportSettings settings;

  /** The launch API's own strict reader: unknown or repeated fields, null items and non-finite numbers are errors. */
  ImportFile(StrictJsonReader strict, Validator validator, ImportSettings settings) {
    this.json = strict.mapper();
    this.validator = validator;
    this.settings = settings;
  }

  List<ParsedRow> parse(ImportFormat format, byte[] content) {
    if (content == null || content.length == 0) {
      throw bad(HttpStatus.BAD_REQUEST, "The file is empty; download the template from /api/v1/initiatives/import/template.");
    }
    if (content.length > settings.maxBytes()) {
      throw bad(HttpStatus.CONTENT_TOO_LARGE,
          "The file is larger than " + settings.maxBytes() / 1024 + " KiB; split it into smaller files.");
    }
    String text = text(content, format);
    if (text.isBlank()) {
      throw bad(HttpStatus.BAD_REQUEST, "The file is empty; download the template from /api/v1/initiatives/import/template.");
    }
    List<ParsedRow> rows = format == ImportFormat.CSV ? csv(text) : json(text);
    return markDuplicateKeys(rows);
  }

  private List<ParsedRow> csv(String text) {
    CSVFormat csv = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    List<ParsedRow> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), csv)) {
      List<String> header = null;
      for (CSVRecord record : parser) {
        if (header == null) {
          header = header(record);
          continue;
        }
        int row = (int) record.getRecordNumber();
        checkRowCount(rows.size() + 1);
        rows.add(csvRow(row, header, record));
      }
      if (header == null) {
        throw bad(HttpStatus.BAD_REQUEST, "The file is empty.");
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw bad(HttpStatus.UNPROCESSABLE_CONTENT,
          "The file is not valid CSV (" + e.getMessage() + "); check quotes: a cell with a comma, quote or line break must be in double quotes.");
    }
    if (rows.isEmpty()) {
      throw bad(HttpStatus.UNPROCESSABLE_CONTENT, "The file has a header but no initiatives.");
    }
    return rows;
  }

  private static List<String> header(CSVRecord record) {
    List<String> names = record.stream().map(String::trim).toList();
    List<String> unknown = names.stream().filter(n -> !ImportColumns.NAMES.contains(n)).toList();
    List<String> missing = ImportColumns.REQUIRED.stream().filter(n -> !names.contains(n)).toList();
    List<String> repeated = names.stream().filter(n -> names.indexOf(n) != names.lastIndexOf(n)).distinct().toList();
    if (!unknown.isEmpty() || !missing.isEmpty() || !repeated.isEmpty()) {
      StringBuilder detail = new StringBuilder("The first line must be the header row.");
      if (!unknown.isEmpty()) {
        detail.append(" Unknown column(s): ").append(abbreviate(unknown)).append('.');
      }
      if (!missing.isEmpty()) {
        detail.append(" Missing required column(s): ").append(missing).append('.');
      }
      if (!repeated.isEmpty()) {
        detail.append(" Repeated column(s): ").append(repeated).append('.');
      }
      detail.append(" The columns are: ").append(String.join(",", ImportColumns.NAMES))
          .append(" (any order; only key and name are required).");
      throw bad(HttpStatus.UNPROCESSABLE_CONTENT, detail.toString());
    }
    return names;
  }

  private ParsedRow csvRow(int row, List<String> header, CSVRecord record) {
    Map<String, String> cells = new HashMap<>();
    for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
      cells.put(header.get(i), record.get(i));
    }
    String key = blankToNull(cells.get("key"));
    if (record.size() != header.size()) {
      return ParsedRow.invalid(row, key, "has " + record.size() + " cells but the header has " + header.size());
    }
    try {
      return validate(row, key, ImportColumns.toJson(cells));
    } catch (ImportColumns.RowException e) {
      return ParsedRow.invalid(row, key, e.getMessage());
    }
  }

  private List<ParsedRow> json(String text) {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JacksonException e) {
      throw bad(HttpStatus.UNPROCESSABLE_CONTENT, "The file is not valid JSON: " + e.getOriginalMessage()
          + "; send an array of launch bodies, as in the JSON template.");
    }
    JsonNode items = root != null && root.isObject() && root.has("initiatives") ? root.get("initiatives") : root;
    if (items == null || !items.isArray()) {
      throw bad(HttpStatus.UNPROCESSABLE_CONTENT,
          "The JSON file must be an array of launch bodies (or {\"initiatives\": [...]}), as in the JSON template.");
    }
    if (items.isEmpty()) {
      throw bad(HttpStatus.UNPROCESSABLE_CONTENT, "The file has no initiatives.");
    }
    checkRowCount(items.size());
    List<ParsedRow> rows = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String key = item.isObject() && item.path("key").isString() ? blankToNull(item.path("key").asString()) : null;
      rows.add(item.isObject() ? validate(i + 1, key, item) : ParsedRow.invalid(i + 1, null, "is not a JSON object"));
    }
    return rows;
  }

  /** The launch API's rules: Jackson's conversion (enums, types), then the body's bean validation. */
  private ParsedRow validate(int row, String key, JsonNode node) {
    LaunchBody body;
    try {
      body = json.treeToValue(node, LaunchBody.class);
    } catch (JacksonException e) {
      return ParsedRow.invalid(row, key, StrictJson.explain(e));
    }
    List<String> problems = validator.validate(body).stream()
        .sorted(Comparator.comparing((ConstraintViolation<LaunchBody> v) -> v.getPropertyPath().toString()))
        .map(v -> v.getPropertyPath() + " " + v.getMessage())
        .toList();
    return problems.isEmpty() ? ParsedRow.valid(row, body) : ParsedRow.invalid(row, key, String.join("; ", problems));
  }

  private static List<ParsedRow> markDuplicateKeys(List<ParsedRow> rows) {
    Map<String, Integer> firstRow = new LinkedHashMap<>();
    List<ParsedRow> marked = new ArrayList<>(rows.size());
    for (ParsedRow row : rows) {
      Integer first = row.key() == null ? null : firstRow.putIfAbsent(row.key(), row.row());
      marked.add(first == null || row.error() != null ? row
          : ParsedRow.invalid(row.row(), row.key(), "key '" + row.key() + "' is already on row " + first + " of this file"));
    }
    return marked;
  }

  private void checkRowCount(int rows) {
    if (rows > settings.maxRows()) {
      throw bad(HttpStatus.CONTENT_TOO_LARGE,
          "The file has more than " + settings.maxRows() + " initiatives; split it into files of at most " + settings.maxRows() + ".");
    }
  }

  /** UTF-8 text (a BOM is dropped); anything else is not a CSV or JSON file. */
  private static String text(byte[] content, ImportFormat format) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw notText(format);
    }
    if (text.indexOf('\0') >= 0) {
      throw notText(format);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static ApiProblem notText(ImportFormat format) {
    return bad(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "The file is not a UTF-8 text file, so it cannot be " + format + "; save the spreadsheet as CSV UTF-8 (or send JSON).");
  }

  private static String abbreviate(List<String> names) {
    List<String> shown = names.stream().map(n -> n.length() > 40 ? n.substring(0, 40) + "..." : n).limit(10).toList();
    return shown + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static ApiProblem bad(HttpStatus status, String detail) {
    return new ApiProblem(status, detail, null);
  }
}
