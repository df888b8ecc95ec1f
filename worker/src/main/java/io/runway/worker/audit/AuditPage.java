package io.runway.worker.audit;

import java.util.List;

/** The JSON shape of a page of the audit export, for the OpenAPI document (the controller answers a PageResult). */
record AuditPage(List<AuditEntry> items, int page, int size, long total) {}
