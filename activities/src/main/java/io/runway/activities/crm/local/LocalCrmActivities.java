package io.runway.activities.crm.local;

import io.runway.activities.jdbc.PgValues;
import io.runway.activities.json.RunwayJson;
import io.runway.lifecycle.activity.CrmActivities;
import io.runway.lifecycle.activity.CrmRecord;
import io.temporal.failure.ApplicationFailure;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps one CRM record per initiative, upserted by its key as external id like a Salesforce upsert. */
@Component("crmActivities")
@ConditionalOnProperty(name = "runway.crm.provider", havingValue = "local", matchIfMissing = true)
public class LocalCrmActivities implements CrmActivities {

  private final JdbcClient jdbc;

  public LocalCrmActivities(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public static String crmId(String externalId) {
    return "CRM-" + externalId;
  }

  @Override
  public String upsertInitiative(CrmRecord record) {
    if (record.externalId() == null || record.externalId().isBlank() || record.stage() == null) {
      // retrying cannot add what the caller left out
      throw ApplicationFailure.newNonRetryableFailure(
          "local CRM: a record needs an external id and a stage, got " + record, "InvalidCrmRecord");
    }
    return jdbc.sql("""
            insert into local_crm_record
                (external_id, crm_id, name, business_unit, stage, risk_tier, owners, sponsor, go_live_date,
                 latest_attainment, latest_value_decision, gate_status, updated_at)
            values (:externalId, :crmId, :name, :businessUnit, :stage, :riskTier, :owners::jsonb, :sponsor, :goLiveDate,
                    :latestAttainment, :latestValueDecision, :gateStatus, now())
            on conflict (external_id) do update set
                name = excluded.name, business_unit = excluded.business_unit, stage = excluded.stage,
                risk_tier = excluded.risk_tier, owners = excluded.owners, sponsor = excluded.sponsor,
                go_live_date = excluded.go_live_date, latest_attainment = excluded.latest_attainment,
                latest_value_decision = excluded.latest_value_decision, gate_status = excluded.gate_status, updated_at = now()
            returning crm_id""")
        .param("externalId", record.externalId())
        .param("crmId", crmId(record.externalId()))
        .param("name", record.name())
        .param("businessUnit", record.businessUnit())
        .param("stage", PgValues.name(record.stage()))
        .param("riskTier", PgValues.name(record.riskTier()))
        .param("owners", record.owners() == null ? null : RunwayJson.write(record.owners()))
        .param("sponsor", record.sponsor())
        .param("goLiveDate", record.goLiveDate())
        .param("latestAttainment", record.latestAttainment())
        .param("latestValueDecision", record.latestValueDecision())
        .param("gateStatus", record.gateStatus())
        .query(String.class)
        .single();
  }
}
