/**
 * Intake checks: is the initiative allowed at all, and is everything the gates need named.
 * Pure functions of the request and the policy; what is missing becomes a task, not an exception.
 */
package io.runway.activities.intake;
