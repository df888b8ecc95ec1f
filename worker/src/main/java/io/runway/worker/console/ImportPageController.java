package io.runway.worker.console;

import io.runway.worker.audit.AuditNotes;
import io.runway.worker.imports.ImportFormat;
import io.runway.worker.imports.ImportJob;
import io.runway.worker.imports.InitiativeImports;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Import a pilot inventory: upload, then a progress bar that htmx polls while the rows launch,
 * per-row errors with their row numbers, and the counts at the end.
 */
@Controller
@RequestMapping("/console/import")
class ImportPageController {

  private final InitiativeImports imports;

  ImportPageController(InitiativeImports imports) {
    this.imports = imports;
  }

  @GetMapping
  String form(Model model) {
    return "console/import";
  }

  @PostMapping
  String upload(@RequestParam(name = "file", required = false) MultipartFile file, Authentication user, Model model) {
    if (file == null || file.isEmpty()) {
      model.addAttribute("error", "Choose a CSV or JSON file to import.");
      return "console/import";
    }
    try {
      ImportJob job = imports.start(file.getOriginalFilename(), format(file.getOriginalFilename()), file.getBytes(),
          Actors.of(user));
      return Redirects.to("/console/import/{id}", job.id());
    } catch (ApiProblem refused) {
      AuditNotes.refused(refused);
      model.addAttribute("error", refused.getMessage());
      return "console/import";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping("/{id}")
  String job(@PathVariable String id, Authentication user, Model model) {
    model.addAttribute("job", imports.progress(id, Actors.of(user)));
    return "console/import-job";
  }

  @GetMapping("/{id}/progress")
  String progress(@PathVariable String id, Authentication user, Model model) {
    model.addAttribute("job", imports.progress(id, Actors.of(user)));
    return "console/import-job :: progress";
  }

  @GetMapping("/template.{extension}")
  @ResponseBody
  ResponseEntity<String> template(@PathVariable String extension) {
    ImportFormat format = switch (extension.toLowerCase(Locale.ROOT)) {
      case "csv" -> ImportFormat.CSV;
      case "json" -> ImportFormat.JSON;
      default -> throw ApiProblem.notFound("Templates exist as .csv and .json only.");
    };
    return ResponseEntity.ok()
        .contentType(format == ImportFormat.CSV ? MediaType.parseMediaType("text/csv") : MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("runway-import-template." + extension).build().toString())
        .body(imports.template(format));
  }

  private static ImportFormat format(String fileName) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return ImportFormat.JSON;
    }
    if (name.endsWith(".csv")) {
      return ImportFormat.CSV;
    }
    throw ApiProblem.invalid("file", "must be a .csv or .json file (name it so)");
  }
}
