package io.runway.worker.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetCellsTest {

  @ParameterizedTest
  @ValueSource(strings = {"=1+2", "+cmd", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "''@x", "'", "''", "'abc", "plain", "", "a=b"})
  void aCellNeverStartsAFormulaAndRestoresToTheValue(String value) {
    String cell = SpreadsheetCells.neutralise(value);

    assertThat(cell.isEmpty() ? ' ' : cell.charAt(0)).isNotIn('=', '+', '-', '@', '\t', '\r');
    assertThat(SpreadsheetCells.restore(cell)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "'abc", "a=b", "''", "42"})
  void aValueThatStartsNoFormulaIsWrittenAsItIs(String value) {
    assertThat(SpreadsheetCells.neutralise(value)).isEqualTo(value);
  }
}
