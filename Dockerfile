# syntax=docker/dockerfile:1
#
# One image for all four Broadsheet services (delivery, ingest, editorial, search-index).
# The service is picked at run time by SERVICE (or by the first argument):
#
#   docker build -t broadsheet .
#   docker run --rm -e SERVICE=delivery -e ... broadsheet
#   docker run --rm -e ... broadsheet ingest
#   docker run --rm broadsheet node -e 'console.log(process.version)'   # any other command runs as is
#
# A default service can be baked in with `--build-arg SERVICE=delivery`.
# Configuration comes from environment variables only (see ARCHITECTURE.md); HOST defaults
# to 0.0.0.0 here so the port is reachable from outside the container.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, compile TypeScript into dist/ -------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
# --omit=optional: the only optional dependency is a 130 MB Meilisearch binary for local
# development. --ignore-scripts: tsc needs no install script, and without its optional
# prebuilt binary @parcel/watcher's (a dev tool's) would try to compile with a C toolchain.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=optional --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# ---- prod-deps: production dependencies only ---------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

# ---- runtime -----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=
LABEL org.opencontainers.image.title="broadsheet" \
      org.opencontainers.image.description="Broadsheet services: delivery, ingest, editorial, search-index (pick one with SERVICE)"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    SERVICE=${SERVICE} \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Everything the process runs is owned by root and read-only to the service user.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY tools/bin/run.js ./tools/bin/run.js
COPY --chmod=0755 <<'SCRIPT' /usr/local/bin/broadsheet
#!/bin/sh
# broadsheet [SERVICE | COMMAND ARGS...]
# No argument: runs the service named by $SERVICE. A service name as the first argument:
# runs that one. Anything else: runs it as a command (healthchecks, one-off scripts, a shell).
set -eu
case "${1:-}" in
  delivery|editorial|ingest|search-index) SERVICE="$1"; shift ;;
  '') ;;
  *) exec "$@" ;;
esac
case "${SERVICE:-}" in
  delivery|editorial|ingest|search-index) ;;
  *)
    echo "broadsheet: set SERVICE to one of delivery, editorial, ingest, search-index (got '${SERVICE:-}')" >&2
    exit 64
    ;;
esac
export SERVICE
# delivery's V8 heap cap (tools/platform/services.ts serviceNodeOptions), unless NODE_OPTIONS was set
# for this container (docker-compose.yml and the Kubernetes manifests set the same flags themselves).
if [ "$SERVICE" = delivery ] && [ "${NODE_OPTIONS:-}" = --enable-source-maps ]; then
  export NODE_OPTIONS="--enable-source-maps --max-old-space-size=256"
fi
exec node /app/tools/bin/run.js "apps/${SERVICE}/src/main.js" "$@"
SCRIPT

# The node user of the base image, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# delivery, ingest, editorial, search-index (each one's default PORT)
EXPOSE 3000 3001 3002 3003
# No HEALTHCHECK: docker-compose.yml and the Kubernetes probes check /health/ready and /health/live.
ENTRYPOINT ["/usr/local/bin/broadsheet"]
