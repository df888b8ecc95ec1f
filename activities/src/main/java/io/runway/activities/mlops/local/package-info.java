/**
 * The built-in model registry in PostgreSQL, used when no MLflow is configured.
 * Reads version metrics; promotion points an alias at a version and tags it with the approval.
 */
package io.runway.activities.mlops.local;
