package io.runway.worker.portfolio;

import java.util.List;

/** The funnel from INTAKE to IN_PRODUCTION, and how many initiatives left it (rejected, withdrawn, retired). */
public record Funnel(List<FunnelStage> stages, long total, long rejected, long withdrawn, long retired) {}
