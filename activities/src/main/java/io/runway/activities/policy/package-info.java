/**
 * Loads the versioned lifecycle policy (YAML, policy-as-code) and refuses one that is not sound.
 * The workflow receives it through PolicyActivities, so the policy it ran under is in its history.
 */
package io.runway.activities.policy;
