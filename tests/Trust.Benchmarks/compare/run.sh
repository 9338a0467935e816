#!/usr/bin/env bash
# Side-by-side comparison on this machine: Trust vs Go crypto/x509, openssl and cfssl.
# Each figure is measured ROUNDS times, alternating tools, so drift hits both sides alike.
# Needs: dotnet, clang or gcc (Native AOT), go (Debian golang-go), openssl, cfssl (golang-cfssl), hyperfine,
# /usr/bin/time (package time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
rounds=${ROUNDS:-3}
n=${N:-20000}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
echo "# work dir: $work; rounds: $rounds"

dotnet build "$root/tests/Trust.Benchmarks" -c Release --nologo -v q >/dev/null
# The release build users install: Native AOT (the linux-x64 publish profile). TRUST_PUBLISHED=DIR reuses a folder
# that publish already wrote (an AOT compile takes minutes on 2 cores); PROCESSES_ONLY=1 runs only the whole-process
# comparisons (hyperfine) and skips the in-process bench commands.
if [ -n "${TRUST_PUBLISHED:-}" ]; then
  rm -rf "$work/trust-sc"; mkdir -p "$work/trust-sc"; cp "$TRUST_PUBLISHED/trust" "$work/trust-sc/trust"
else
  rm -rf "$work/trust-sc"
  dotnet publish "$root/src/Trust.Cli" -p:PublishProfile=linux-x64 --nologo -v q -o "$work/trust-sc" >/dev/null
fi
echo "release build: $(stat -c %s "$work/trust-sc/trust") bytes ($work/trust-sc/trust)"
bench() { dotnet "$root/tests/Trust.Benchmarks/bin/Release/net10.0/Trust.Benchmarks.dll" "$@"; }
for p in issue merge verify; do GO111MODULE=off go build -o "$work/go-$p" "$here/go/$p/main.go"; done

[ -f "$work/b11k.pem" ] || bench gen-bundle --out "$work/b11k.pem" -n 10000 --duplicates 1000 2>/dev/null
[ -f "$work/pool10k.pem" ] || bench gen-chain --bundle-out "$work/pool10k.pem" --chain-out "$work/chain.pem" -n 10000 2>/dev/null
if [ "${PROCESSES_ONLY:-0}" != 1 ]; then
echo "## issuance, one thread (n=$n)"
for r in $(seq "$rounds"); do
  echo "trust $(bench issue -n "$n")";           echo "go    $("$work/go-issue" -n "$n")"
  echo "trust $(bench issue -n "$n" --sign-only)"; echo "go    $("$work/go-issue" -n "$n" -sign-only)"
done

echo "## merge of 11,000 PEM blocks (10,000 distinct anchors + 1,000 duplicates, comments)"
[ -f "$work/b11k.pem" ] || bench gen-bundle --out "$work/b11k.pem" -n 10000 --duplicates 1000 2>/dev/null
for r in $(seq "$rounds"); do
  echo "trust $(bench merge --out "$work/trust-merged.pem" "$work/b11k.pem")"
  echo "trust-cold $(bench merge --cold --out "$work/trust-merged.pem" "$work/b11k.pem")"
  echo "go    $("$work/go-merge" -out "$work/go-merged.pem" "$work/b11k.pem")"
done
cmp "$work/trust-merged.pem" "$work/go-merged.pem" && echo "outputs: byte-identical"
rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo "peak RSS KiB: trust-bench $(rss dotnet "$root/tests/Trust.Benchmarks/bin/Release/net10.0/Trust.Benchmarks.dll" merge --out "$work/x.pem" "$work/b11k.pem")" \
     "trust-cli $(rss "$work/trust-sc/trust" bundle "$work/y.pem" "$work/b11k.pem" --force)" \
     "go $(rss "$work/go-merge" -out "$work/z.pem" "$work/b11k.pem")"

echo "## issuer check against a 10,000-anchor bundle (pool build + first verification, then verifications/s)"
[ -f "$work/pool10k.pem" ] || bench gen-chain --bundle-out "$work/pool10k.pem" --chain-out "$work/chain.pem" -n 10000 2>/dev/null
for r in $(seq "$rounds"); do
  echo "trust $(bench verify --bundle "$work/pool10k.pem" --chain "$work/chain.pem" -n 10000)"
  echo "go    $("$work/go-verify" -bundle "$work/pool10k.pem" -chain "$work/chain.pem" -n 10000)"
done

fi

echo "## whole processes (hyperfine, release build; ROUNDS rounds of each group, so drift hits every command)"
"$work/trust-sc/trust" --version >/dev/null
"$work/trust-sc/trust" init --dir "$work/checked" --force >/dev/null
for r in $(seq "$rounds"); do
hyperfine -N -w 3 -r 20 --export-markdown "$work/create-$r.md" \
  --prepare "rm -rf $work/init-sc $work/ossl $work/cfssl" \
  -n "trust init (anchor + issuer + check)" "$work/trust-sc/trust init --dir $work/init-sc" \
  -n "openssl pipeline (anchor + issuer)" "bash $here/openssl-pair.sh $work/ossl" \
  -n "cfssl (anchor + issuer)" "bash $here/cfssl-pair.sh $work/cfssl" >/dev/null
cat "$work/create-$r.md"
hyperfine -N -w 3 -r 20 --export-markdown "$work/other-$r.md" \
  -n "trust --version (start-up floor)" "$work/trust-sc/trust --version" \
  -n "openssl version" "openssl version" \
  -n "trust check" "$work/trust-sc/trust check --anchors $work/checked/ca.crt --issuer $work/checked/issuer.crt --issuer-key $work/checked/issuer.key" \
  -n "trust bundle (11,000 blocks)" "$work/trust-sc/trust bundle - $work/b11k.pem" \
  -n "go merge (11,000 blocks)" "$work/go-merge -out $work/g.pem $work/b11k.pem" >/dev/null
cat "$work/other-$r.md"
done
hyperfine -N -w 1 -r 5 --export-markdown "$work/verify.md" \
  -n "trust verify (10,000 anchors)" "$work/trust-sc/trust verify $work/chain.pem --anchors $work/pool10k.pem" \
  -n "openssl verify (10,000 anchors)" "openssl verify -CAfile $work/pool10k.pem $work/chain.pem" >/dev/null
cat "$work/verify.md"
