/**
 * The vendor adapters' write ledger in PostgreSQL: which attempt may write for a request key right now
 * (a lease), and what earlier attempts left behind (the record's id, a create whose answer was lost).
 */
package io.runway.activities.ledger;
