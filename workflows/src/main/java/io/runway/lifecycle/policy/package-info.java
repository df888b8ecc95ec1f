/**
 * The lifecycle policy model: which gates a risk tier passes, who owns them, their SLAs and evidence.
 * Loaded from versioned YAML by an activity so the workflow sees it as recorded history.
 */
package io.runway.lifecycle.policy;
