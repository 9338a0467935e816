#!/usr/bin/env bash
# The openssl CLI pipeline that creates a Linkerd anchor + issuer pair (P-256), as people script it today.
set -euo pipefail
d=${1:?usage: openssl-pair.sh DIR}
mkdir -p "$d"
cat > "$d/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[issuer]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
openssl ecparam -name prime256v1 -genkey -noout -out "$d/ca.key"
openssl req -x509 -new -key "$d/ca.key" -subj /CN=root.linkerd.cluster.local -days 3650 -sha256 \
  -config "$d/ext.cnf" -extensions ca -out "$d/ca.crt" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$d/issuer.key"
openssl req -new -key "$d/issuer.key" -subj /CN=identity.linkerd.cluster.local -out "$d/issuer.csr"
openssl x509 -req -in "$d/issuer.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 365 -sha256 \
  -extfile "$d/ext.cnf" -extensions issuer -out "$d/issuer.crt" 2>/dev/null
