/**
 * Encrypted Temporal payloads: an AES-256-GCM {@code PayloadCodec} with rotating keys, the data
 * converter the Temporal client and workers use, and the codec server the Temporal UI decodes with.
 */
package io.runway.worker.codec;
