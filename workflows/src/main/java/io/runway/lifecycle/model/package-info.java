/**
 * Domain records shared by the workflow, the activities and the API: requests, commands, views.
 * Plain records and enums, serialisable by Temporal's Jackson converter and Spring's alike.
 */
package io.runway.lifecycle.model;
