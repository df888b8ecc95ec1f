#!/bin/bash
# Runs once, when the postgres container starts on an EMPTY data volume (the official image's
# /docker-entrypoint-initdb.d contract). It creates one role and its databases per tenant:
#   temporal -> temporal, temporal_visibility  (schema then set up by Temporal's own tooling,
#                                               temporal-sql-tool in the temporal-schema job)
#   runway   -> runway                         (schema set up by Runway's Flyway migrations, run as
#                                               RUNWAY_DB_MIGRATION_USER, the database's owner)
# and Runway's runtime role RUNWAY_DB_USER, which owns nothing: it may connect to `runway`, and the
# migrations grant it DML on Runway's tables but only INSERT and SELECT on the audit trail.
# Passwords come from the container's environment (docker-compose.yml passes them from .env),
# never from this file. Changing them in .env later does NOT change them in an existing volume:
# use ALTER ROLE ... PASSWORD (see the README's Operations guide).
set -euo pipefail

: "${TEMPORAL_DB_USER:?TEMPORAL_DB_USER must be set}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${RUNWAY_DB_MIGRATION_USER:?RUNWAY_DB_MIGRATION_USER must be set}"
: "${RUNWAY_DB_MIGRATION_PASSWORD:?RUNWAY_DB_MIGRATION_PASSWORD must be set}"
: "${RUNWAY_DB_USER:?RUNWAY_DB_USER must be set}"
: "${RUNWAY_DB_PASSWORD:?RUNWAY_DB_PASSWORD must be set}"
if [ "$RUNWAY_DB_USER" = "$RUNWAY_DB_MIGRATION_USER" ]; then
  echo "RUNWAY_DB_USER must differ from RUNWAY_DB_MIGRATION_USER: the runtime role must not own the audit trail" >&2
  exit 1
fi

# psql variables (:'name' quotes a literal, :"name" an identifier) keep passwords out of the SQL text
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v temporal_user="$TEMPORAL_DB_USER" -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v owner_user="$RUNWAY_DB_MIGRATION_USER" -v owner_password="$RUNWAY_DB_MIGRATION_PASSWORD" \
  -v runway_user="$RUNWAY_DB_USER" -v runway_password="$RUNWAY_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'temporal_user', :'temporal_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'temporal_user') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'owner_user', :'owner_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner_user') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'runway_user', :'runway_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'runway_user') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', 'temporal', :'temporal_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'temporal_visibility', :'temporal_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'runway', :'owner_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'runway') \gexec

-- Runway's roles reach only their own database (the owner as its owner, the runtime role by the grant
-- below); Temporal's only its two
REVOKE CONNECT ON DATABASE runway FROM PUBLIC;
REVOKE CONNECT ON DATABASE temporal FROM PUBLIC;
REVOKE CONNECT ON DATABASE temporal_visibility FROM PUBLIC;
SELECT format('GRANT CONNECT ON DATABASE runway TO %I', :'runway_user') \gexec
SQL
