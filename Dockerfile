# syntax=docker/dockerfile:1
# Runway image: built from this repository, runs the `external` profile (a real Temporal cluster and
# PostgreSQL, configured from the environment; see .env.example and docker-compose.yml).
#
#   docker build -t runway:local .
#   docker run -e TEMPORAL_ADDRESS=... -e RUNWAY_DB_URL=... -e RUNWAY_DB_PASSWORD=... \
#     -e RUNWAY_CODEC_KEYS=codec-1:$(openssl rand -base64 32) -p 8080:8080 runway:local

# ---- stage 1: build the Spring Boot jar ------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build

# Every module's POM first: this layer and the dependency download below are reused from the
# build cache until a POM changes. `dependency:go-offline` cannot resolve the reactor's own
# io.runway modules (they are not built yet), so they are excluded; anything it still misses
# (a plugin's late-resolved dependency) the package step below fetches.
COPY pom.xml ./
COPY ui-config/pom.xml ui-config/
COPY workflows/pom.xml workflows/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY bench/pom.xml bench/
RUN mvn -B -q dependency:go-offline -DexcludeGroupIds=io.runway

# Then the sources. The tests run in CI (`mvn -B verify`), not in the image build; `-pl worker -am`
# builds the app and the modules it needs, not the benchmark (whose POM the reactor still reads).
COPY ui-config ui-config
COPY workflows workflows
COPY activities activities
COPY worker worker
RUN mvn -B -q -DskipTests -pl worker -am package \
 && cp worker/target/runway-worker-*.jar /build/application.jar

# Split the Boot jar into its layers (Boot 3.3+/4 `tools` jar mode): rarely changing third-party
# jars first, Runway's own classes last, so an application change rebuilds only a small layer.
WORKDIR /extract
RUN java -Djarmode=tools -jar /build/application.jar extract --layers --launcher --destination /extract/layers

# ---- stage 2: the runtime ---------------------------------------------------------------------------
FROM eclipse-temurin:21-jre

# A fixed non-root user: uid/gid 10001, no login shell, no home worth writing to.
RUN groupadd --system --gid 10001 runway \
 && useradd --system --uid 10001 --gid runway --no-create-home --shell /usr/sbin/nologin runway

WORKDIR /opt/runway
# Layer order = change frequency. Note: `dependencies` (about 180 MB) includes the embedded
# PostgreSQL binaries (io.zonky, for every platform) that only the `embedded` profile uses; they
# are unused in `external` and only cost image size. The build is deliberately not restructured
# around that here.
COPY --from=build /extract/layers/dependencies/ ./
COPY --from=build /extract/layers/spring-boot-loader/ ./
COPY --from=build /extract/layers/snapshot-dependencies/ ./
COPY --from=build /extract/layers/application/ ./
# executable in git (mode 100755), so a plain COPY keeps it executable
COPY deploy/docker/healthcheck.sh /opt/runway/healthcheck.sh

# actuator (health, Prometheus) answers on RUNWAY_MANAGEMENT_PORT only: publish PORT, never this one
ENV SPRING_PROFILES_ACTIVE=external \
    PORT=8080 \
    RUNWAY_MANAGEMENT_PORT=8081 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE 8080 8081

# Health without curl/wget (neither is in the JRE image): bash's /dev/tcp, see healthcheck.sh.
# Readiness covers PostgreSQL and Temporal; a fresh JVM with Flyway needs up to a minute.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
  CMD ["/opt/runway/healthcheck.sh", "/actuator/health/readiness"]

# exec form: java is PID 1 and receives SIGTERM directly, so Spring's graceful shutdown drains
# in-flight requests and activities before the container stops.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
