#!/usr/bin/env bash
# Regenerates the seed corpus (corpus/<target>/) from certificates and keys made by our CLI and by openssl, plus a few
# hand-written edge cases. Run from the repository root after `dotnet build src/Trust.Cli -c Release`; the seeds are
# committed, so this only documents where they came from (keys and certificates are random each run).
set -euo pipefail
cd "$(dirname "$0")"
trust="dotnet ../../src/Trust.Cli/bin/Release/net10.0/trust.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf corpus && mkdir -p corpus/{pem,der,key,secret}
sep=$'\n--8<--\n'   # FuzzTargets.PartSeparator

# Our CLI: an anchor and issuer pair, P-384 and RSA anchors, a leaf with its chain, a bundle.
$trust init --dir "$work/pki" >/dev/null
$trust anchor create "$work/p384.crt" "$work/p384.key" --curve P-384 --no-password >/dev/null
$trust anchor create "$work/rsa.crt" "$work/rsa.key" --key-type rsa --no-password >/dev/null
$trust leaf create "$work/leaf.crt" "$work/leaf.key" --ca "$work/pki/issuer.crt" --ca-key "$work/pki/issuer.key" \
  --san web.default.svc.cluster.local >/dev/null
$trust bundle "$work/bundle.pem" "$work/pki/ca.crt" "$work/p384.crt" >/dev/null

# openssl: a certificate with every subjectAltName kind, an unknown critical extension and a v1 certificate.
openssl ecparam -name prime256v1 -genkey -noout -out "$work/o.key"
openssl req -x509 -new -key "$work/o.key" -subj "/C=XX/O=Fuzz Org/CN=fuzz.example" -days 2 -out "$work/alt.crt" \
  -addext "subjectAltName=DNS:a.example,IP:10.0.0.1,IP:::1,email:x@example.org,URI:spiffe://td/ns/x" \
  -addext "keyUsage=critical,digitalSignature,keyCertSign" -addext "extendedKeyUsage=serverAuth,clientAuth,codeSigning" \
  -addext "basicConstraints=critical,CA:true,pathlen:3" -addext "1.2.3.4.5=critical,DER:0500" 2>/dev/null
openssl req -new -key "$work/o.key" -subj "/CN=v1" -out "$work/v1.csr"
openssl x509 -req -in "$work/v1.csr" -signkey "$work/o.key" -days 1 -out "$work/v1.crt" -extfile /dev/null 2>/dev/null
openssl req -x509 -new -key "$work/o.key" -subj "/CN=gt" -not_before 20500101000000Z -not_after 20510101000000Z \
  -out "$work/generalized.crt" 2>/dev/null || openssl req -x509 -new -key "$work/o.key" -subj "/CN=gt" -days 10000 -out "$work/generalized.crt"

for c in pki/ca pki/issuer p384 rsa alt v1 generalized; do
  name=$(basename "$c")
  openssl x509 -in "$work/$c.crt" -outform DER -out "corpus/der/$name.der"
done
cp "$work/pki/ca.crt" corpus/pem/anchor.pem
cp "$work/leaf.crt" corpus/pem/leaf-chain.pem
cp "$work/bundle.pem" corpus/pem/bundle.pem
cp "$work/alt.crt" corpus/pem/openssl-alt-names.pem
cp corpus/der/ca.der corpus/pem/anchor.der
openssl x509 -in "$work/v1.crt" -text > corpus/pem/with-text.pem            # stray text before the block
sed 's/$/\r/' "$work/pki/ca.crt" > corpus/pem/crlf.pem
{ printf -- '-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nMAA=\n-----END CERTIFICATE-----\n'; } > corpus/pem/headers.pem
printf -- '-----BEGIN CERTIFICATE-----\nMIIB\n' > corpus/pem/truncated.pem
printf -- '-----BEGIN X-----\nAA==\n-----END X-----\n' > corpus/pem/other-label.pem
cat "$work/pki/ca.key" "$work/pki/ca.crt" > corpus/pem/key-and-cert.pem

# Keys in every format the reader takes; encrypted ones use the password "fuzz" and one PBKDF2 round, so the fuzzer
# reaches the decrypted DER quickly (our own writer insists on 600,000 rounds).
cp "$work/pki/issuer.key" corpus/key/pkcs8-ec.pem
openssl ec -in "$work/o.key" -out corpus/key/sec1.pem 2>/dev/null
openssl ec -in "$work/o.key" -param_enc explicit -out corpus/key/sec1-explicit.pem 2>/dev/null
openssl genrsa -traditional -out corpus/key/pkcs1.pem 1024 2>/dev/null
openssl pkcs8 -topk8 -in "$work/o.key" -v2 aes-128-cbc -iter 1 -passout pass:fuzz -out corpus/key/pkcs8-encrypted.pem
openssl pkcs8 -topk8 -in "$work/o.key" -v1 PBE-SHA1-3DES -iter 1 -passout pass:fuzz -out corpus/key/pkcs8-pbes1.pem 2>/dev/null || true
openssl ec -in "$work/o.key" -aes128 -passout pass:fuzz -out corpus/key/legacy-aes128.pem 2>/dev/null
openssl rsa -in corpus/key/pkcs1.pem -traditional -des3 -passout pass:fuzz -out corpus/key/legacy-des3.pem 2>/dev/null
openssl genpkey -algorithm ed25519 -out corpus/key/ed25519.pem
# DER keys: the key target also reads bare bytes as the DER under every key label.
openssl pkcs8 -topk8 -nocrypt -in corpus/key/pkcs8-ec.pem -outform DER -out corpus/key/pkcs8-ec.der
openssl ec -in corpus/key/sec1.pem -outform DER -out corpus/key/sec1.der 2>/dev/null
openssl rsa -in corpus/key/pkcs1.pem -traditional -outform DER -out corpus/key/pkcs1.der 2>/dev/null
openssl pkcs8 -topk8 -in "$work/o.key" -v2 aes-256-cbc -iter 1 -passout pass:fuzz -outform DER -out corpus/key/pkcs8-encrypted.der
printf -- '-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAAAAAAAAAAAAAAAAAAAA==\n-----END EC PRIVATE KEY-----\n' > corpus/key/legacy-short.pem

# Secrets: tls.crt, tls.key and ca.crt joined by the separator.
printf '%s%s%s%s%s' "$(cat "$work/pki/issuer.crt")" "$sep" "$(cat "$work/pki/issuer.key")" "$sep" "$(cat "$work/pki/ca.crt")" > corpus/secret/cert-manager.txt
printf '%s%s%s' "$(cat "$work/leaf.crt")" "$sep" "$(cat "$work/leaf.key")" > corpus/secret/no-ca.txt
printf '%s%s%s%s%s' "$(cat "$work/pki/issuer.crt" "$work/pki/ca.crt")" "$sep" "$(openssl ec -in "$work/pki/issuer.key" 2>/dev/null)" "$sep" "$(cat "$work/p384.crt")" > corpus/secret/root-inside-wrong-ca.txt
{ cat corpus/der/issuer.der; printf '%s' "$sep"; cat "$work/pki/issuer.key"; printf '%s' "$sep"; cat corpus/der/ca.der; } > corpus/secret/der.bin
for t in pem der key secret; do echo "$t: $(ls corpus/$t | wc -l) seeds, $(du -cb corpus/$t/* | tail -1 | cut -f1) bytes"; done
chmod 644 corpus/*/*
