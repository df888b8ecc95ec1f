/**
 * Notifications posted to a Slack (or Slack-compatible) incoming webhook as a message with blocks.
 */
package io.runway.activities.notify.slack;
