/**
 * Activity interfaces the workflow calls (intake, policy, ticketing, CRM, MLOps, notifications,
 * read-model projection) and their request records. Implementations live in the activities module.
 */
package io.runway.lifecycle.activity;
