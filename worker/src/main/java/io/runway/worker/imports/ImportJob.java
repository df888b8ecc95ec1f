package io.runway.worker.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import and its progress: {@code processed} = {@code launched} + {@code alreadyPresent} + {@code failed};
 * status RUNNING until every row is processed, then DONE (FAILED only if the job itself could not run).
 */
public record ImportJob(
    UUID id,
    String fileName,
    String status,
    int total,
    int processed,
    int launched,
    int alreadyPresent,
    int failed,
    List<RowError> errors,
    Instant startedAt,
    Instant finishedAt,
    String requestedBy) {}
