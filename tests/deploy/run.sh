#!/usr/bin/env bash
# Renders deploy/ with `kubectl kustomize` (the base, the multicluster overlay and its member clusters, each with and
# without the restart Component) and checks it against the code: RBAC exactly matches the API calls of
# src/Trust.Kubernetes, the CronJob's safety settings, the Dockerfile's publish command is CI's. No cluster needed.
# Usage: tests/deploy/run.sh   Prints "deploy: N passed, M failed" (or "deploy: 0 passed, 0 failed (skipped: ...)").
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kubectl=${KUBECTL:-kubectl}
if ! command -v "$kubectl" >/dev/null; then
  echo "deploy: 0 passed, 0 failed (skipped: kubectl not found; install it to check deploy/)"
  exit 0
fi
if ! command -v python3 >/dev/null; then
  echo "deploy: 0 passed, 0 failed (skipped: python3 not found)"
  exit 0
fi
exec python3 "$root/tests/deploy/check.py" "$root" "$(command -v "$kubectl")"
