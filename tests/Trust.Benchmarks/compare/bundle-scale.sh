#!/usr/bin/env bash
# Issue 8, "memory at scale": `trust bundle` as a whole process (release build), peak RSS and wall time, on
# 10,000 / 50,000 / 100,000 distinct certificates and on a ~245 MB file of 400,000 blocks of which 20,000 are
# distinct, side by side with the Go merge program (go/merge) and, when BEFORE=DIR names a folder holding another
# `trust` build (say, the previous release), with that build too. Each figure is the median of ROUNDS runs, the
# tools alternating within a round so machine drift hits all alike. Outputs are compared byte for byte.
# Needs: dotnet, go, /usr/bin/time (package time).
#   bash tests/Trust.Benchmarks/compare/bundle-scale.sh                 # ROUNDS=5 WORK=dir BEFORE=dir SIZES="10000 50000 100000"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
rounds=${ROUNDS:-5}
sizes=${SIZES:-10000 50000 100000}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
echo "# work dir: $work; rounds: $rounds"

dotnet build "$root/tests/Trust.Benchmarks" -c Release --nologo -v q >/dev/null
bench() { dotnet "$root/tests/Trust.Benchmarks/bin/Release/net10.0/Trust.Benchmarks.dll" "$@"; }
if [ -z "${TRUST:-}" ]; then
  rm -rf "$root/src/Trust.Cli/obj/Release/net10.0/linux-x64/R2R" "$work/trust-sc"   # see run.sh: stale R2R stubs
  dotnet publish "$root/src/Trust.Cli" -p:PublishProfile=linux-x64 --nologo -v q -o "$work/trust-sc" >/dev/null
  TRUST="$work/trust-sc"
fi
GO111MODULE=off go build -o "$work/go-merge" "$here/go/merge/main.go"

inputs=()
for n in $sizes; do
  [ -f "$work/d$n.pem" ] || bench gen-bundle --out "$work/d$n.pem" -n "$n" --duplicates 0 2>/dev/null
  inputs+=("d$n:$n")
done
# 20,000 distinct anchors repeated to 400,000 blocks: ~245 MB, under the 256 MiB input limit.
[ -f "$work/dup400k.pem" ] || bench gen-bundle --out "$work/dup400k.pem" -n 20000 --duplicates 380000 2>/dev/null
inputs+=("dup400k:20000")

tools=(trust go)
[ -n "${BEFORE:-}" ] && tools=(before trust go)
command_for() { # tool input output
  case $1 in
    trust)  cmd=("$TRUST/trust" bundle "$3" "$2" --force) ;;
    before) cmd=("$BEFORE/trust" bundle "$3" "$2" --force) ;;
    go)     cmd=("$work/go-merge" -out "$3" "$2") ;;
  esac
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "## trust bundle, whole process: median of $rounds (wall and CPU seconds, peak RSS MB, wall µs per distinct certificate)"
for entry in "${inputs[@]}"; do
  name=${entry%%:*}; distinct=${entry##*:}
  file="$work/$name.pem"
  for tool in "${tools[@]}"; do : > "$work/$name.$tool.times"; done
  for r in $(seq "$rounds"); do
    for tool in "${tools[@]}"; do
      command_for "$tool" "$file" "$work/out.$tool.pem"
      /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "${cmd[@]}" >/dev/null
      tail -1 "$work/time.txt" >> "$work/$name.$tool.times"
    done
  done
  for tool in "${tools[@]}"; do
    s=$(awk '{print $1}' "$work/$name.$tool.times" | median)
    kib=$(awk '{print $2}' "$work/$name.$tool.times" | median)
    cpu=$(awk '{print $3 + $4}' "$work/$name.$tool.times" | median)
    awk -v t="$tool" -v n="$name" -v s="$s" -v k="$kib" -v c="$cpu" -v d="$distinct" -v mb="$(du -m "$file" | cut -f1)" \
      'BEGIN { printf "bundle-scale tool=%s input=%s input_mb=%d distinct=%d s=%.2f cpu_s=%.2f rss_mb=%.0f us_per_cert=%.1f\n", t, n, mb, d, s, c, k / 1024, s * 1e6 / d }'
    echo "#   runs (wall s, KiB, user s, sys s): $(tr '\n' ';' < "$work/$name.$tool.times")"
  done
  for tool in "${tools[@]}"; do
    [ "$tool" = go ] || cmp "$work/out.$tool.pem" "$work/out.go.pem" || { echo "outputs differ: $tool vs go on $name"; exit 1; }
  done
  echo "outputs on $name: byte-identical (${tools[*]})"
done
