package io.runway.worker.portfolio;

/** Which initiatives a portfolio query covers: nulls mean all; {@code stallDays} (>= 1) is read by the stall radar only. */
public record PortfolioFilter(String businessUnit, String riskTier, int stallDays) {}
