package io.runway.worker.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortfolioValueCsvTest {

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
    assertThat(PortfolioValueCsv.cell("=HYPERLINK(\"http://evil.example\",\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
    assertThat(PortfolioValueCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
  }

  @Test
  void numbersStayNumbersEvenWhenNegative() {
    assertThat(PortfolioValueCsv.cell(-12.5)).isEqualTo("-12.5");
    assertThat(PortfolioValueCsv.cell(null)).isEmpty();
  }
}
