package io.runway.worker.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runway.import.*}: how large a file may be, how many rows launch at once, and after how long
 * without a heartbeat another replica takes over a job whose runner stopped.
 */
@ConfigurationProperties("runway.import")
record ImportSettings(
    @DefaultValue("10485760") long maxBytes,
    @DefaultValue("10000") int maxRows,
    @DefaultValue("32") int concurrency,
    @DefaultValue("60s") Duration staleAfter) {}
