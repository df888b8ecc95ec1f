package io.runway.activities.crm.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(PostgresExtension.class)
class LocalCrmActivitiesTest {

  private final JdbcClient jdbc;
  private final LocalCrmActivities crm;

  LocalCrmActivitiesTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.crm = new LocalCrmActivities(jdbc);
  }

  private static CrmRecord record(Stage stage, String goLiveDate) {
    return record(stage, goLiveDate, null);
  }

  private static CrmRecord record(Stage stage, String goLiveDate, String gateStatus) {
    return new CrmRecord("fraud-scoring", "Fraud scoring", "Payments", stage, RiskTier.HIGH,
        new Owners("alice", "bob", "carol"), "dave", goLiveDate, null, null, gateStatus);
  }

  @Test
  void eachUpsertReplacesTheGateStatus() {
    crm.upsertInitiative(record(Stage.SECURITY_REVIEW, null, "SECURITY_REVIEW OPEN, LEGAL_REVIEW OPEN"));
    crm.upsertInitiative(record(Stage.LEGAL_REVIEW, null, "SECURITY_REVIEW APPROVED, LEGAL_REVIEW OPEN"));

    assertThat(jdbc.sql("select stage || ': ' || gate_status from local_crm_record").query(String.class).single())
        .isEqualTo("LEGAL_REVIEW: SECURITY_REVIEW APPROVED, LEGAL_REVIEW OPEN");
  }

  @Test
  void upsertTwiceKeepsOneRecordWithTheLatestStage() {
    String first = crm.upsertInitiative(record(Stage.SECURITY_REVIEW, null));
    String second = crm.upsertInitiative(record(Stage.IN_PRODUCTION, "2026-12-01"));

    assertThat(first).isEqualTo("CRM-fraud-scoring").isEqualTo(second);
    assertThat(jdbc.sql("select count(*) from local_crm_record").query(Integer.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select stage || ' ' || go_live_date from local_crm_record").query(String.class).single())
        .isEqualTo("IN_PRODUCTION 2026-12-01");
  }

  @Test
  void upsertStoresTheOwnersAsJson() {
    crm.upsertInitiative(record(Stage.INTAKE, null));

    assertThat(jdbc.sql("select owners ->> 'operations' from local_crm_record").query(String.class).single()).isEqualTo("carol");
  }
}
