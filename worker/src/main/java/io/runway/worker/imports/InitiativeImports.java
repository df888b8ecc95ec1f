package io.runway.worker.imports;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Imports a pilot inventory: the whole file is parsed and stored with every row before the caller
 * gets its answer, then the rows launch in the background; progress is read back from PostgreSQL,
 * so any api replica answers for any job.
 */
@Service
public class InitiativeImports {

  private final ImportFile files;
  private final ImportStore store;
  private final ImportRunner runner;
  private final ImportTemplates templates;
  private final Clock clock = Clock.systemUTC();

  InitiativeImports(ImportFile files, ImportStore store, ImportRunner runner, ImportTemplates templates) {
    this.files = files;
    this.store = store;
    this.runner = runner;
    this.templates = templates;
  }

  /** Parses the whole file first (row errors found while parsing are reported, good rows still launch),
      then launches rows in the background; returns at once with status RUNNING. */
  public ImportJob start(String fileName, ImportFormat format, byte[] content, Actor actor) {
    AccessMatrix.IMPORT.require(actor);
    List<ParsedRow> rows = files.parse(format, content);
    UUID id = UUID.randomUUID();
    // microseconds, as launch_request stores them: "launched before this import" compares the two
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    store.create(id, fileName, format, actor.username(), List.copyOf(actor.groups()), startedAt, runner.runnerId, rows);
    runner.run(id);
    return find(id).orElseThrow();
  }

  /**
   * The job {@code id} names, for someone the access matrix lets follow imports: 404 for an id that is
   * not a job (or not a UUID), 403 for everyone else. The API and the console both answer through this.
   */
  public ImportJob progress(String id, Actor actor) {
    UUID jobId;
    try {
      jobId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("No import with id '" + id + "'.");
    }
    ImportJob job = find(jobId).orElseThrow(() -> ApiProblem.notFound("No import with id '" + id + "'."));
    AccessMatrix.IMPORT_PROGRESS.require(actor);
    return job;
  }

  public Optional<ImportJob> find(UUID id) {
    return store.job(id).map(job -> {
      Map<String, Integer> counts = store.counts(id);
      int launched = counts.getOrDefault(ImportStore.LAUNCHED, 0);
      int present = counts.getOrDefault(ImportStore.ALREADY_PRESENT, 0);
      int failed = counts.getOrDefault(ImportStore.FAILED, 0);
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      return new ImportJob(job.id(), job.fileName(), job.status(), total, launched + present + failed, launched, present,
          failed, store.errors(id), job.startedAt(), job.finishedAt(), job.requestedBy());
    });
  }

  /** Downloadable template with the documented columns. */
  public String template(ImportFormat format) {
    return templates.template(format);
  }
}
