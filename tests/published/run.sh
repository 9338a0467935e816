#!/usr/bin/env bash
# Smoke test of the release build: publishes the CLI with the linux-x64 profile (Native AOT) and runs every command on
# it, cross-checking the output with openssl. Trimming and AOT compilation can remove code that only a real run
# reaches, and the release build writes standard output through its own stream: both are checked here, on the binary
# users run, not in process.
# Usage: tests/published/run.sh [PUBLISHED_DIR]   (publishes into a temporary folder when none is given)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-}
if [ -z "$out" ]; then
  out="$work/trust"
  dotnet publish "$root/src/Trust.Cli" -p:PublishProfile=linux-x64 -o "$out" --nologo -v q >/dev/null
fi
trust="$out/trust"
passed=0
ok() { passed=$((passed + 1)); echo "ok: $1"; }
exec 3>&2 # failures reach the real stderr even from a command whose stderr is redirected
fail() { echo "FAIL: $1" >&3; exit 1; }
# exits CODE WHAT CMD...: runs CMD and fails unless it exits with exactly CODE (a crash must not pass as a refusal).
exits() { local want=$1 what=$2 status; shift 2; set +e; "$@"; status=$?; set -e; [ "$status" = "$want" ] || fail "$what: exit $status, expected $want"; }

"$trust" --version >/dev/null || fail "--version"
"$trust" --help | grep -q "init" || fail "--help lists commands"
"$trust" init --help | grep -q -- "--trust-domain" || fail "init --help"
ok "help and version"

"$trust" init --dir "$work/pki" >"$work/init.txt" || fail "trust init"
grep -q "Status check results are" "$work/init.txt" || fail "init prints its checks"
[ "$(stat -c %a "$work/pki/ca.key")" = 600 ] && [ "$(stat -c %a "$work/pki/issuer.key")" = 600 ] || fail "key modes"
openssl verify -CAfile "$work/pki/ca.crt" "$work/pki/issuer.crt" >/dev/null || fail "openssl verifies the issuer"
openssl pkey -in "$work/pki/issuer.key" -noout || fail "openssl reads the issuer key"
ok "init (openssl verifies anchor -> issuer)"

exits 2 "init without --force over existing files" "$trust" init --dir "$work/pki" >/dev/null 2>"$work/err.txt"
[ "$(wc -l <"$work/err.txt")" = 1 ] || fail "refusal is one line"
"$trust" init --dir "$work/json" --format json --trust-domain example.org | grep -q '"checksPassed": *true' || fail "init --format json"
ok "init refuses to overwrite; json output"

"$trust" check --anchors "$work/pki/ca.crt" --issuer "$work/pki/issuer.crt" --issuer-key "$work/pki/issuer.key" >/dev/null || fail "check"
exits 1 "check of an issuer against a foreign anchor" "$trust" check --anchors "$work/json/ca.crt" --issuer "$work/pki/issuer.crt" >/dev/null 2>&1
ok "check passes the set and fails a foreign anchor"
openssl x509 -in "$work/pki/ca.crt" -outform der -out "$work/ca.der"
exits 1 "check of DER anchors" "$trust" check --anchors "$work/ca.der" --issuer "$work/pki/issuer.crt" >"$work/der.txt" 2>&1
grep -q "binary DER, not PEM text" "$work/der.txt" || fail "check explains why Linkerd cannot read DER"
sed 's/$/\r/' "$work/pki/ca.crt" >"$work/crlf.crt"
"$trust" check --anchors "$work/crlf.crt" --issuer "$work/pki/issuer.crt" >/dev/null || fail "check passes CRLF PEM, which Linkerd reads"
ok "check judges PEM as Linkerd does: DER anchors fail, CRLF passes"

"$trust" leaf create "$work/leaf.crt" "$work/leaf.key" --ca "$work/pki/issuer.crt" --ca-key "$work/pki/issuer.key" \
  --san web.default.serviceaccount.identity.linkerd.cluster.local >/dev/null || fail "leaf create"
cat "$work/leaf.crt" "$work/pki/issuer.crt" >"$work/chain.pem"
"$trust" verify "$work/chain.pem" --anchors "$work/pki/ca.crt" >/dev/null || fail "verify"
openssl verify -CAfile "$work/pki/ca.crt" -untrusted "$work/pki/issuer.crt" "$work/leaf.crt" >/dev/null || fail "openssl verifies the leaf"
ok "leaf create and verify (openssl agrees)"

"$trust" bundle "$work/bundle.pem" "$work/pki/ca.crt" "$work/json/ca.crt" "$work/pki/ca.crt" >/dev/null || fail "bundle"
[ "$(grep -c 'BEGIN CERTIFICATE' "$work/bundle.pem")" = 2 ] || fail "bundle dedupes"
"$trust" inspect "$work/bundle.pem" --format json | grep -q '"subject"' || fail "inspect --format json"
want=$(openssl x509 -in "$work/pki/ca.crt" -outform der | sha256sum | cut -d' ' -f1)
"$trust" fingerprint "$work/pki/ca.crt" | tr -d ':' | tr 'A-F' 'a-f' | grep -q "$want" || fail "fingerprint matches openssl"
# step's convention: exit 0 = renew now, 1 = not yet.
exits 1 "needs-renewal on a new issuer" "$trust" needs-renewal "$work/pki/issuer.crt" >/dev/null
"$trust" needs-renewal "$work/pki/issuer.crt" --at 2099-01-01T00:00:00Z >/dev/null || fail "needs-renewal after expiry"
ok "bundle, inspect, fingerprint (openssl agrees), needs-renewal"

# trust rotate: the kubeconfig loader survives trimming; failures are one line and exit 5 (no API server is needed:
# nothing listens on port 1).
"$trust" rotate --help | grep -q -- "--anchor-renew-before" || fail "rotate --help"
cat >"$work/kubeconfig" <<'YAML'
apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: https://127.0.0.1:1
users:
- name: test
  user:
    token: not-a-real-token
contexts:
- name: home
  context:
    cluster: test
    user: test
current-context: home
YAML
exits 2 "rotate with a renewal of 100%" "$trust" rotate --kubeconfig "$work/kubeconfig" --issuer-renew-before 100% 2>/dev/null
exits 5 "rotate with an unknown context" "$trust" rotate --kubeconfig "$work/kubeconfig" --anchor-namespace linkerd --context elsewhere 2>"$work/rotate-err.txt"
[ "$(wc -l <"$work/rotate-err.txt")" = 1 ] && grep -q "no context 'elsewhere'" "$work/rotate-err.txt" || fail "rotate: unknown context in one line"
exits 5 "rotate against no API server" "$trust" rotate --kubeconfig "$work/kubeconfig" --anchor-namespace linkerd --dry-run --format json >"$work/rotate.json" 2>"$work/rotate-err.txt"
grep -q '"outcome": "failed"' "$work/rotate.json" || fail "rotate --format json reports the failure"
[ "$(wc -l <"$work/rotate-err.txt")" = 1 ] && grep -q "^trust: reading Secret linkerd/linkerd-trust-anchor: " "$work/rotate-err.txt" || fail "rotate: API failure in one line"
ok "rotate: kubeconfig read by the AOT build; bad options exit 2, cluster failures exit 5 in one line"

# Standard output semantics of the release build's own stream.
{ "$trust" fingerprint "$work/pki/ca.crt"; echo END; } >"$work/shared.txt"
[ "$(tail -n 1 "$work/shared.txt")" = END ] && [ "$(wc -l <"$work/shared.txt")" -ge 2 ] || fail "shared offset with the next writer"
set +o pipefail
# The reader exits at once (a process start before the first write), so every write meets a closed pipe.
"$trust" inspect "$work/bundle.pem" 2>"$work/pipe-err.txt" | true
status=${PIPESTATUS[0]}
set -o pipefail
[ "$status" = 0 ] && [ ! -s "$work/pipe-err.txt" ] || fail "a closed pipe is not an error (exit $status)"
ok "standard output: appends after other writers; a closed pipe ends output quietly"

printf 'not a certificate\n' >"$work/bad.pem"
exits 2 "inspect of a file that is not PEM" "$trust" inspect "$work/bad.pem" >"$work/bad-out.txt" 2>"$work/bad-err.txt"
[ "$(wc -l <"$work/bad-err.txt")" = 1 ] && grep -q "bad.pem" "$work/bad-err.txt" || fail "bad input: not one line naming the file"
grep -q "at System\." "$work/bad-err.txt" && fail "stack trace on bad input"
ok "bad input: one line naming the file, exit 2"

echo "published: $passed passed, 0 failed"
