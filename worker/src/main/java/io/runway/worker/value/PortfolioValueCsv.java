package io.runway.worker.value;

import io.runway.worker.value.PortfolioValue.InitiativeValue;
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

  /**
   * RFC 4180 quoting, and text a spreadsheet would run as a formula (starting with = + - @, tab or CR)
   * prefixed with an apostrophe. Kept private here on purpose: a shared CSV neutraliser is on its way.
   */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    boolean number = value instanceof Number;
    if (!number && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  static List<String> columns() {
    return List.of(HEADER.split(","));
  }
}
