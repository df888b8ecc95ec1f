/**
 * Initiatives: launch (idempotent by key), portfolio listing and detail from the read model, and
 * the commands (evidence, reclassify, withdraw, retire, production events) sent to the workflow.
 */
package io.runway.worker.initiative;
