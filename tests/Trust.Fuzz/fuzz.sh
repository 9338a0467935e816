#!/usr/bin/env bash
# Fuzzes one target with afl-fuzz (Debian's afl++) through SharpFuzz: publishes tests/Trust.Fuzz to artifacts/fuzz/bin,
# instruments Trust.Core.dll there (the build output stays uninstrumented), then runs afl-fuzz on corpus/TARGET.
#   bash tests/Trust.Fuzz/fuzz.sh TARGET [SECONDS]     TARGET: pem, der, key or secret; SECONDS defaults to 300
# Findings go to artifacts/fuzz/TARGET (afl's queue, crashes/ and hangs/); see docs/testing.md, "Fuzzing".
set -euo pipefail
target=${1:?usage: fuzz.sh pem|der|key|secret [SECONDS]}
seconds=${2:-300}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }
[ -d "tests/Trust.Fuzz/corpus/$target" ] || { echo "no corpus for target '$target'" >&2; exit 2; }

bin=artifacts/fuzz/bin
if [ ! -f "$bin/.instrumented" ] || [ -n "$(find src/Trust tests/Trust.Fuzz -name '*.cs' -newer "$bin/.instrumented" -print -quit)" ]; then
  rm -rf "$bin"
  dotnet publish tests/Trust.Fuzz -c Release -o "$bin" --nologo -v q
  dotnet tool restore >/dev/null
  dotnet tool run sharpfuzz "$bin/Trust.Core.dll"
  touch "$bin/.instrumented"
fi

out=artifacts/fuzz/$target
mkdir -p "$out"
input=tests/Trust.Fuzz/corpus/$target
# Resume an earlier run of this target instead of starting over.
[ -f "$out/default/fuzzer_stats" ] && input=-
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# -t: a single input that takes 5 s is a hang worth keeping; -V stops afl-fuzz by itself after SECONDS.
nice afl-fuzz -V "$seconds" -t 5000 -m none -x tests/Trust.Fuzz/pem.dict -i "$input" -o "$out" \
  -- dotnet "$bin/Trust.Fuzz.dll" "$target" | tail -n 25
stats=$out/default/fuzzer_stats
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"
ls "$out/default/crashes" "$out/default/hangs" 2>/dev/null | grep -v README || true
