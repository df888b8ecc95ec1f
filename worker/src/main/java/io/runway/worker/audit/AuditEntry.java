package io.runway.worker.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * One row of the audit trail as stored. {@code actorRoles} is the sorted, comma-separated list of the
 * actor's Runway groups; {@code hash} covers {@code prevHash} and every other field (see {@link CanonicalForm}).
 */
public record AuditEntry(
    long seq,
    // as the hash covers it (CanonicalForm.time), so an export can be re-verified as it is
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
        Instant occurredAt,
    String actor,
    String actorRoles,
    String sourceAddress,
    String initiativeKey,
    String action,
    String outcome,
    Integer httpStatus,
    String detail,
    String prevHash,
    String hash) {}
