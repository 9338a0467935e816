#!/usr/bin/env bash
# cfssl creating the same anchor + issuer pair (Debian's golang-cfssl).
set -euo pipefail
d=${1:?usage: cfssl-pair.sh DIR}
mkdir -p "$d" && cd "$d"
cat > ca.json <<'J'
{"CN":"root.linkerd.cluster.local","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}
J
cat > issuer.json <<'J'
{"CN":"identity.linkerd.cluster.local","key":{"algo":"ecdsa","size":256}}
J
cat > config.json <<'J'
{"signing":{"default":{"expiry":"8760h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true}}}}
J
cfssl gencert -initca ca.json 2>/dev/null | cfssljson -bare ca
cfssl gencert -ca ca.pem -ca-key ca-key.pem -config config.json issuer.json 2>/dev/null | cfssljson -bare issuer
