#!/bin/bash
# Runs once, when the postgres container starts on an EMPTY data volume (the official image's
# /docker-entrypoint-initdb.d contract). It creates one role and its databases per tenant:
#   temporal -> temporal, temporal_visibility  (schema then set up by Temporal's own tooling,
#                                               temporal-sql-tool in the temporal-schema job)
#   runway   -> runway                         (schema set up by Runway's Flyway migrations)
# Passwords come from the container's environment (docker-compose.yml passes them from .env),
# never from this file. Changing them in .env later does NOT change them in an existing volume:
# use ALTER ROLE ... PASSWORD (see the README's Operations guide).
set -euo pipefail

: "${TEMPORAL_DB_USER:?TEMPORAL_DB_USER must be set}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${RUNWAY_DB_USER:?RUNWAY_DB_USER must be set}"
: "${RUNWAY_DB_PASSWORD:?RUNWAY_DB_PASSWORD must be set}"

# psql variables (:'name' quotes a literal, :"name" an identifier) keep passwords out of the SQL text
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v temporal_user="$TEMPORAL_DB_USER" -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v runway_user="$RUNWAY_DB_USER" -v runway_password="$RUNWAY_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'temporal_user', :'temporal_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'temporal_user') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'runway_user', :'runway_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'runway_user') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', 'temporal', :'temporal_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'temporal_visibility', :'temporal_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'runway', :'runway_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'runway') \gexec

-- Runway's role reaches only its own database; Temporal's only its two
REVOKE CONNECT ON DATABASE runway FROM PUBLIC;
REVOKE CONNECT ON DATABASE temporal FROM PUBLIC;
REVOKE CONNECT ON DATABASE temporal_visibility FROM PUBLIC;
SQL
