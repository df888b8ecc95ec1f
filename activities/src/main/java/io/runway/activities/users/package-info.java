/**
 * The user directory: who Runway has met (demo users, OIDC users who signed in), with their e-mail,
 * and the lookups that link an initiative's owners, written as free text, to those users.
 */
package io.runway.activities.users;
