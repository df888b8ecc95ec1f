/**
 * Human tasks: the inbox query over the read model, and claim / unclaim / complete, which the API
 * pre-checks and the workflow decides as Updates.
 */
package io.runway.worker.task;
