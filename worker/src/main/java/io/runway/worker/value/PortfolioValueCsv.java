package io.runway.worker.value;

import io.runway.worker.value.PortfolioValue.InitiativeValue;
import io.runway.worker.web.SpreadsheetCells;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The portfolio's value as CSV, one initiative per row, for a spreadsheet. */
final class PortfolioValueCsv {

  static final String HEADER = "key,name,businessUnit,riskTier,stage,serving,attainmentPercent,kpisAtTarget,kpis,costToDate,"
      + "budgetToDate,currency,costToBudget,wentLiveAt,timeToValueDays,atRisk,riskReasons,latestDecision,nextReviewAt";

  private PortfolioValueCsv() {}

  static String write(PortfolioValue value) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (InitiativeValue i : value.initiatives()) {
      csv.append(Stream.of(i.key(), i.name(), i.businessUnit(), i.riskTier(), i.stage(), i.serving(), i.attainment(),
              i.kpisAtTarget(), i.kpis(), plain(i.costToDate()), plain(i.budgetToDate()), i.currency(), i.costToBudget(),
              i.wentLiveAt(), i.timeToValueDays(), i.atRisk(), String.join("; ", i.riskReasons()), i.latestDecision(),
              i.nextReviewAt())
          .map(PortfolioValueCsv::cell).collect(Collectors.joining(","))).append("\r\n");
    }
    return csv.toString();
  }

  private static Object plain(java.math.BigDecimal amount) {
    return amount == null ? null : amount.toPlainString();
  }

  /** A number as it is (a negative one is data, not a formula); text through the shared CSV neutraliser. */
  static String cell(Object value) {
    if (value instanceof Number) {
      return value.toString();
    }
    return SpreadsheetCells.csv(value == null ? null : value.toString());
  }

  static List<String> columns() {
    return List.of(HEADER.split(","));
  }
}
