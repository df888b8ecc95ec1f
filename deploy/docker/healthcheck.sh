#!/bin/bash
# Container health check without curl or wget (the eclipse-temurin JRE image has neither, and
# installing one only for this adds a package layer and attack surface): a plain HTTP/1.0 GET over
# bash's /dev/tcp, healthy only on status 200. Spring Boot answers 503 when a health group is DOWN.
#   healthcheck.sh [path]   default /actuator/health/readiness; actuator's port: $RUNWAY_MANAGEMENT_PORT
#   (the external profile's management port), else $PORT (the embedded profile serves actuator there), else 8080
set -u
path="${1:-/actuator/health/readiness}"
port="${RUNWAY_MANAGEMENT_PORT:-${PORT:-8080}}"
exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
# the status line is enough: "HTTP/1.1 200 ..."; give up after 4 s (the compose timeout is 5 s)
IFS=' ' read -r -t 4 _ status _ <&3 || exit 1
exec 3<&-
[ "$status" = "200" ]
