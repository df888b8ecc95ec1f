package io.runway.lifecycle.model;

import java.math.BigDecimal;

public record Budget(BigDecimal monthlyCost, String currency) {}
