/**
 * Notifications by e-mail through Spring Mail's JavaMailSender (configured by {@code spring.mail.*}),
 * with Runway addresses (users, groups, group leads) mapped to mailboxes by configuration.
 */
package io.runway.activities.notify.smtp;
