/**
 * Benchmark data: synthetic read-model rows (initiatives, gates, tasks, timeline) written straight
 * into PostgreSQL with COPY, for measuring the inbox and portfolio queries at scale. No workflows.
 */
package io.runway.worker.seed;
