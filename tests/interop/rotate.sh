#!/usr/bin/env bash
# Interop over what `trust rotate` writes into a cluster: the published `trust rotate` runs against the standalone fake
# API server (tests/Trust.Kubernetes.Testing); the real `kubectl` reads the issuer Secret (tls.crt, tls.key, ca.crt) and
# the bundle ConfigMap back; `trust leaf create` issues two workload certificates from that issuer; and Go's crypto/tls
# (Linkerd's control plane) and rustls/webpki (Linkerd's proxy) must complete a mutual-TLS handshake with the bundle as
# their roots: after the bootstrap, in the middle of an anchor rotation (a workload of the old anchor and one of the
# new trust each other), and after it (a workload of the dropped anchor is refused). On the way: an idempotent second
# run, a dry run that writes nothing, `trust check` (Linkerd's rules) on the objects, and the backup and restore of
# docs/rotate.md, with the restore command the job itself prints.
#
# The rotation runs in real time with --emergency (no minimum bundle age); the identity controller and a meshed pod are
# plain pods created and re-created with kubectl, as the control plane's rollouts would.
# Usage: TRUST_CLI=path/to/trust tests/interop/rotate.sh   Prints "interop-rotate: N passed, 0 failed" (or skipped).
# tests/interop/run.sh runs it and counts its checks; it needs go, the rustls crates, kubectl and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

for tool in kubectl python3 go cargo; do
  if ! command -v "$tool" >/dev/null; then
    echo "interop-rotate: 0 passed, 0 failed (skipped: $tool not found)"
    exit 0
  fi
done

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${TRUST_CLI:-}" ]; then
  trust_cmd=("$TRUST_CLI")
else
  [ -f "$root/src/Trust.Cli/bin/Release/net10.0/trust.dll" ] || dotnet build "$root/src/Trust.Cli" -c Release --nologo -v q
  trust_cmd=(dotnet "$root/src/Trust.Cli/bin/Release/net10.0/trust.dll")
fi
trust() { "${trust_cmd[@]}" "$@"; }

fake="$root/tests/Trust.Kubernetes.Testing/bin/Release/net10.0/Trust.Kubernetes.Testing.dll"
[ -f "$fake" ] || dotnet build "$root/tests/Trust.Kubernetes.Testing" -c Release --nologo -v q >/dev/null
(cd "$here/go" && GO111MODULE=off go build -o "$work/go-interop" main.go)
target="${TRUST_INTEROP_TARGET:-$here/rustls/target}"
(cd "$here/rustls" && cargo build --release --quiet --offline --target-dir "$target")
rustls="$target/release/trust-interop-rustls"

fail() { echo "interop-rotate: FAIL: $*" >&2; exit 1; }
passed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }

# The fake API server, in its own process, as a cluster would be: TLS, a bearer token, a kubeconfig for both clients.
export KUBECONFIG="$work/kube/config"
mkdir -p "$work/kube"
dotnet "$fake" --kubeconfig "$KUBECONFIG" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do grep -q '^listening on' "$work/server.log" 2>/dev/null && break; sleep 0.2; done
grep -q '^listening on' "$work/server.log" || fail "the fake API server did not start: $(cat "$work/server.log")"
kubectl create namespace linkerd >/dev/null
kubectl create namespace trust-system >/dev/null

# One run of the job; its JSON report in $work/report.json, its exit code in $rc.
rotate() {
  set +e
  trust rotate --anchor-namespace trust-system --holder interop --format json "$@" >"$work/report.json" 2>"$work/rotate.err"
  rc=$?
  set -e
}
# A field of the last report, by a Python expression over `r`.
report() { python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$work/report.json" "$1"; }
expect() { # expect EXIT PHASE_AFTER ACTIONS (comma-separated; "" for none)
  [ "$rc" -eq "$1" ] || fail "trust rotate exited $rc, expected $1: $(cat "$work/rotate.err") $(report 'r["findings"]')"
  [ "$(report 'r["phaseAfter"]')" = "$2" ] || fail "phase after: $(report 'r["phaseAfter"]'), expected $2"
  [ "$(report '",".join(a["action"] for a in r["actions"])')" = "$3" ] || fail "actions: $(report '[a["message"] for a in r["actions"]]'), expected $3"
}

# The issuer Secret and the bundle ConfigMap as Linkerd reads them, into DIR/pki (the layout go/ and rustls/ take).
read_back() {
  mkdir -p "$1/pki"
  kubectl -n linkerd get secret linkerd-identity-issuer -o jsonpath='{.data.tls\.crt}' | base64 -d >"$1/pki/issuer.crt"
  (umask 077; kubectl -n linkerd get secret linkerd-identity-issuer -o jsonpath='{.data.tls\.key}' | base64 -d >"$1/pki/issuer.key")
  kubectl -n linkerd get secret linkerd-identity-issuer -o jsonpath='{.data.ca\.crt}' | base64 -d >"$1/pki/issuer-ca.crt"
  kubectl -n linkerd get configmap linkerd-identity-trust-roots -o jsonpath='{.data.ca-bundle\.crt}' >"$1/pki/ca.crt"
  # Linkerd's rules (what `linkerd check` runs on the identity objects): the issuer under the bundle, its key, its ca.crt.
  trust check --anchors "$1/pki/ca.crt" --issuer "$1/pki/issuer.crt" --issuer-key "$1/pki/issuer.key" >"$work/check.txt" \
    || fail "trust check refused the objects: $(cat "$work/check.txt")"
  grep -qxF "$(trust fingerprint "$1/pki/issuer-ca.crt")" <(trust fingerprint "$1/pki/ca.crt") \
    || fail "the issuer's ca.crt is not in the bundle"
}
leaves() { # leaves DIR: a server and a client workload certificate from DIR's issuer
  trust leaf create "$1/server.crt" "$1/server.key" --ca "$1/pki/issuer.crt" --ca-key "$1/pki/issuer.key" \
    --san web.default.serviceaccount.identity.linkerd.cluster.local >/dev/null
  trust leaf create "$1/client.crt" "$1/client.key" --ca "$1/pki/issuer.crt" --ca-key "$1/pki/issuer.key" \
    --san client.default.serviceaccount.identity.linkerd.cluster.local >/dev/null
}
handshake() { # handshake DIR WHAT: Go and rustls both complete mutual TLS
  "$work/go-interop" "$1" >/dev/null || fail "go: $2"
  "$rustls" "$1" >/dev/null || fail "rustls: $2"
}
bundle_size() { grep -c 'BEGIN CERTIFICATE' "$1"; }
pod() { # pod NAME LABELS_JSON [TRUST_ANCHORS_FILE]: a running pod in linkerd, meshed when given anchors
  python3 - "$@" <<'EOF' | kubectl apply -f - >/dev/null
import json, sys
name, labels = sys.argv[1], json.loads(sys.argv[2])
containers = [{"name": "main", "image": "app"}]
if len(sys.argv) > 3:
    labels["linkerd.io/control-plane-ns"] = "linkerd"
    containers.append({"name": "linkerd-proxy", "image": "proxy",
                       "env": [{"name": "LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS", "value": open(sys.argv[3]).read()}]})
print(json.dumps({"apiVersion": "v1", "kind": "Pod",
                  "metadata": {"name": name, "namespace": "linkerd", "labels": labels},
                  "spec": {"containers": containers}, "status": {"phase": "Running"}}))
EOF
}

# 1. Bootstrap an empty cluster, then a second run with nothing to do, then a dry run that writes nothing.
rotate
expect 0 stable "store-anchor,write-bundle,write-issuer,record"
[ "$(report 'r["phaseBefore"]')" = bootstrap ] || fail "the first run was not a bootstrap"
ok "bootstrap: anchor, bundle, issuer and record written (exit 0)"
versions() { kubectl get secrets,configmaps -A -o jsonpath='{range .items[*]}{.metadata.name}={.metadata.resourceVersion} {end}'; }
before=$(versions)
rotate
expect 0 stable ""
rotate --dry-run
expect 0 stable ""
[ "$(versions)" = "$before" ] || fail "a second run or a dry run wrote: $before -> $(versions)"
ok "a second run and a dry run write nothing"

# 2. What the bootstrap wrote carries mutual TLS.
read_back "$work/boot"
[ "$(bundle_size "$work/boot/pki/ca.crt")" -eq 1 ] || fail "the bootstrap bundle does not hold one anchor"
ok "trust check accepts the issuer Secret and the bundle ConfigMap (Linkerd's rules)"
leaves "$work/boot"
handshake "$work/boot" "bootstrap"
ok "go crypto/tls and rustls: mutual TLS between two workloads of the bootstrapped issuer"

# 3. Backup and restore as docs/rotate.md says, with the command the stopped run prints.
mkdir -p "$work/restore" && cd "$work/restore"
mkdir -p anchor-backup
for s in linkerd-trust-anchor linkerd-trust-anchor-next linkerd-previous-anchor; do
  kubectl -n trust-system get secret "$s" -o yaml --ignore-not-found >"anchor-backup/$s.yaml"
done
kubectl -n trust-system delete secret linkerd-trust-anchor >/dev/null
rotate
[ "$rc" -eq 3 ] || fail "a lost anchor Secret: exit $rc, expected 3 (stopped)"
hint=$(report '[f["hint"] for f in r["findings"] if f["id"] == "anchor-missing"][0]')
command=${hint##*: }
case "$command" in "kubectl replace --force -f anchor-backup/") ;; *) fail "unexpected restore hint: $hint" ;; esac
$command >/dev/null
rotate
expect 0 stable ""
cd "$work"
ok "a lost anchor Secret stops the job (exit 3); its hint, $command, restores it and the next run has nothing to do"

# 4. An anchor rotation, in real time with --emergency, with the identity controller and a meshed pod.
pod linkerd-identity-1 '{"linkerd.io/control-plane-component": "identity"}'
rotate --emergency
expect 0 publish "store-anchor,write-bundle,record"
read_back "$work/publish"
[ "$(bundle_size "$work/publish/pki/ca.crt")" -eq 2 ] || fail "the published bundle does not hold both anchors"
[ "$(report '[w["reason"] for w in r["waits"]]')" = "['identity-controller-not-restarted']" ] \
  || fail "publish waits: $(report 'r["waits"]')"
# The control plane restarts with the new bundle (pods are created in whole seconds, the publication is stamped so).
sleep 2
kubectl -n linkerd delete pod linkerd-identity-1 >/dev/null
pod linkerd-identity-2 '{"linkerd.io/control-plane-component": "identity"}'
pod web-1 '{"app": "web"}' "$work/publish/pki/ca.crt"
rotate --emergency
expect 0 switch "store-anchor,store-anchor,delete-anchor,write-issuer,record"
read_back "$work/switch"
[ "$(bundle_size "$work/switch/pki/ca.crt")" -eq 2 ] || fail "the bundle lost the old anchor at the switch"
[ "$(trust fingerprint "$work/switch/pki/issuer-ca.crt")" != "$(trust fingerprint "$work/boot/pki/issuer-ca.crt")" ] \
  || fail "the issuer was not switched to the new anchor"
ok "the emergency rotation publishes, then switches the issuer once the identity controller restarted"

# Mid-rotation: a workload with a certificate of the new issuer and one still holding the old issuer's trust each other.
leaves "$work/switch"
mkdir -p "$work/mixed"
cp -r "$work/switch/pki" "$work/switch/server.crt" "$work/switch/server.key" "$work/mixed/"
cp "$work/boot/client.crt" "$work/boot/client.key" "$work/mixed/"
handshake "$work/mixed" "a workload of the old anchor and one of the new, with the bundle {old, new}"
ok "go crypto/tls and rustls: mid-rotation, old-anchor and new-anchor workloads complete mutual TLS"

# The drop: the meshed pod goes (re-created, it would be fresh), so no workload certificate of the old anchor is alive.
kubectl -n linkerd delete pod web-1 >/dev/null
rotate --emergency
expect 0 stable "write-bundle,delete-anchor,record"
read_back "$work/after"
[ "$(bundle_size "$work/after/pki/ca.crt")" -eq 1 ] || fail "the old anchor was not dropped"
[ -z "$(kubectl -n trust-system get secret linkerd-previous-anchor --ignore-not-found -o name)" ] || fail "the old anchor's key is still stored"
[ -n "$(kubectl -n trust-system get secret linkerd-trust-anchor -o jsonpath='{.metadata.annotations.trust-rotate/dropped-at}')" ] \
  || fail "the drop is not recorded"
rotate --emergency
expect 0 stable ""
ok "the drop removes the old anchor from the bundle and its key; the next run has nothing to do"
leaves "$work/after"
handshake "$work/after" "after the rotation"
ok "go crypto/tls and rustls: mutual TLS between two workloads of the new anchor's issuer"

# Negative control: after the drop, a workload certificate of the old anchor is refused by both.
mkdir -p "$work/neg"
cp -r "$work/after/pki" "$work/after/server.crt" "$work/after/server.key" "$work/neg/"
cp "$work/boot/client.crt" "$work/boot/client.key" "$work/neg/"
if "$work/go-interop" "$work/neg" 2>/dev/null; then fail "go accepted a client of the dropped anchor"; fi
if "$rustls" "$work/neg" 2>/dev/null; then fail "rustls accepted a client of the dropped anchor"; fi
ok "negative control: go and rustls refuse a client certificate of the dropped anchor"

echo "interop-rotate: $passed passed, 0 failed"
