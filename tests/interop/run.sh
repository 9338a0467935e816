#!/usr/bin/env bash
# Interop: what `trust init` + `trust leaf create` write must carry a mutual-TLS handshake between two workloads
# under openssl, Go's crypto/tls (Linkerd's control plane) and rustls/webpki (Linkerd's proxy); `trust verify`
# must judge chains as Go's x509.Verify does (x509diff/); and what `trust rotate` writes into a cluster must carry the
# same handshakes before, during and after an anchor rotation (rotate.sh, counted here).
# Needs Debian's golang-go and rustls crates; installs them when missing (root, as on CI and developer machines).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if ! command -v go >/dev/null || [ ! -d /usr/share/cargo/registry/rustls-0.20.8 ] || [ ! -d /usr/share/cargo/registry/rustls-pemfile-1.0.0 ]; then
  echo "interop: installing golang-go and the rustls crates from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go librust-rustls-dev librust-rustls-pemfile-dev librust-webpki-dev >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# TRUST_CLI: the trust binary to judge (CI passes the published release build, which starts fastest); default the
# Release build's trust.dll.
if [ -n "${TRUST_CLI:-}" ]; then
  trust_cmd=("$TRUST_CLI")
else
  [ -f "$root/src/Trust.Cli/bin/Release/net10.0/trust.dll" ] || dotnet build "$root/src/Trust.Cli" -c Release --nologo -v q
  trust_cmd=(dotnet "$root/src/Trust.Cli/bin/Release/net10.0/trust.dll")
fi
trust() { "${trust_cmd[@]}" "$@"; }

trust init --dir "$work/pki" >/dev/null
trust leaf create "$work/server.crt" "$work/server.key" --ca "$work/pki/issuer.crt" --ca-key "$work/pki/issuer.key" \
  --san web.default.serviceaccount.identity.linkerd.cluster.local >/dev/null
trust leaf create "$work/client.crt" "$work/client.key" --ca "$work/pki/issuer.crt" --ca-key "$work/pki/issuer.key" \
  --san client.default.serviceaccount.identity.linkerd.cluster.local >/dev/null

passed=0
# openssl: chain verification for both purposes.
openssl verify -x509_strict -purpose sslserver -CAfile "$work/pki/ca.crt" -untrusted "$work/pki/issuer.crt" "$work/server.crt" >/dev/null
openssl verify -x509_strict -purpose sslclient -CAfile "$work/pki/ca.crt" -untrusted "$work/pki/issuer.crt" "$work/client.crt" >/dev/null
echo "openssl: server and client chains verify"; passed=$((passed + 1))

(cd "$here/go" && GO111MODULE=off go run main.go "$work"); passed=$((passed + 1))

# Differential: Go's x509.Verify and `trust verify` judge the same generated chains (name constraints, pathlen, EKU,
# validity edges, keys, signature algorithms, malformed extensions); they must agree except where docs/checks.md
# says we are stricter.
(cd "$here/x509diff" && GO111MODULE=off go run main.go -- "${trust_cmd[@]}"); passed=$((passed + 1))

target="${TRUST_INTEROP_TARGET:-$here/rustls/target}"
(cd "$here/rustls" && cargo build --release --quiet --offline --target-dir "$target")
"$target/release/trust-interop-rustls" "$work"; passed=$((passed + 1))

# Negative control: a client from another trust set must be refused by both, or the checks above prove nothing.
mkdir -p "$work/neg"
trust init --dir "$work/other" >/dev/null
trust leaf create "$work/neg/client.crt" "$work/neg/client.key" --ca "$work/other/issuer.crt" --ca-key "$work/other/issuer.key" \
  --san client.default.serviceaccount.identity.linkerd.cluster.local >/dev/null
cp -r "$work/pki" "$work/server.crt" "$work/server.key" "$work/neg/"
if (cd "$here/go" && GO111MODULE=off go run main.go "$work/neg") 2>/dev/null; then echo "go: accepted a stranger's client certificate"; exit 1; fi
if "$target/release/trust-interop-rustls" "$work/neg" 2>/dev/null; then echo "rustls: accepted a stranger's client certificate"; exit 1; fi
echo "negative control: go and rustls refuse a client certificate from another trust set"; passed=$((passed + 1))

# trust rotate against the fake API server: its objects read back with kubectl, through the same handshakes.
rlog="$work/rotate.log"
bash "$here/rotate.sh" | tee "$rlog"
rotated=$(sed -n 's/^interop-rotate: \([0-9]*\) passed.*/\1/p' "$rlog")
[ -n "$rotated" ] || { echo "interop: rotate.sh did not report"; exit 1; }
passed=$((passed + rotated))

echo "interop: $passed passed, 0 failed"
