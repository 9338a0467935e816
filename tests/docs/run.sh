#!/usr/bin/env bash
# Runs the shell blocks the docs mark runnable (an opening fence of exactly ```sh runnable), so the docs cannot drift
# from the code. Each block runs on its own under `set -euo pipefail` in a fresh temporary folder (also its HOME),
# with `trust` on PATH as a link to TRUST_CLI. Blocks that need a cluster, Helm or the Linkerd CLI are not marked.
# Usage: TRUST_CLI=/path/to/trust bash tests/docs/run.sh [FILE.md...]   (default: docs/*.md and README.md)
# Prints one line per block and `docs: N passed, M failed`; exits 1 when a block fails, naming the doc and its line.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -n "${TRUST_CLI:-}" ] || { echo "docs: set TRUST_CLI to the trust binary to run the docs with" >&2; exit 2; }
cli=$(cd "$(dirname "$TRUST_CLI")" && pwd)/$(basename "$TRUST_CLI")
[ -x "$cli" ] || { echo "docs: TRUST_CLI=$TRUST_CLI is not an executable file" >&2; exit 2; }
block_timeout=${DOCS_BLOCK_TIMEOUT:-120}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$cli" "$work/bin/trust"

# extract DOC OUTDIR: writes each runnable block of DOC to OUTDIR/LINE.sh (LINE = the line of its opening fence) and
# fails on a runnable block that is never closed. A fence may be indented (a block inside a list item); the block's
# lines lose that indentation, and its closing fence is ``` at the same indentation.
extract() {
  awk -v out="$2" -v doc="$1" '
    !inside && match($0, /^ *```sh runnable *$/) {
      indent = index($0, "`") - 1; inside = 1; start = NR; file = out "/" NR ".sh"; printf "" > file; next
    }
    inside && $0 == sprintf("%" indent "s```", "") { inside = 0; close(file); next }
    inside { line = $0; if (substr(line, 1, indent) ~ /^ *$/) line = substr(line, indent + 1); print line >> file }
    END { if (inside) { printf "%s:%d: a runnable block that is never closed\n", doc, start > "/dev/stderr"; exit 1 } }
  ' "$1"
}

# run_docs DOC...: runs every runnable block of the docs given; prints a line per block and the total.
run_docs() {
  local passed=0 failed=0 doc rel blocks block line dir status
  for doc in "$@"; do
    rel=${doc#"$root"/}
    blocks=$(mktemp -d "$work/blocks.XXXXXX")
    if ! extract "$doc" "$blocks"; then failed=$((failed + 1)); continue; fi
    for line in $(ls "$blocks" | sed 's/\.sh$//' | sort -n); do
      block="$blocks/$line.sh"
      dir=$(mktemp -d "$work/run.XXXXXX")
      { echo 'set -euo pipefail'; cat "$block"; } >"$dir.sh"
      set +e
      (cd "$dir" && HOME="$dir" PATH="$work/bin:$PATH" timeout "$block_timeout" bash "$dir.sh") >"$dir.out" 2>&1 </dev/null
      status=$?
      set -e
      if [ "$status" -eq 0 ]; then
        passed=$((passed + 1)); echo "ok: $rel:$line"
      else
        failed=$((failed + 1))
        [ "$status" -eq 124 ] && echo "FAIL: $rel:$line: the block ran longer than ${block_timeout}s" \
          || echo "FAIL: $rel:$line: the block exited $status; its output ends:"
        tail -n 20 "$dir.out" | sed 's/^/  | /'
      fi
      rm -rf "$dir"
    done
  done
  echo "docs: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# Self-check: the runner must fail a block whose command fails, whose pipeline fails in any part, or that reads an
# unset variable, and name the doc and the line; an unmarked block must not run. Otherwise a pass here proves nothing.
probe="$work/probe.md"
cat >"$probe" <<'EOF'
```sh runnable
trust --version >/dev/null
```

```sh
exit 7
```

```sh runnable
false
echo "after a failed command"
```

1. In a list:

   ```sh runnable
   trust fingerprint missing.pem | cat
   ```

```sh runnable
echo "$never_set"
```
EOF
set +e
probe_out=$(run_docs "$probe")
set -e
expected="ok: $probe:1
FAIL: $probe:9:
FAIL: $probe:16:
FAIL: $probe:20:
docs: 1 passed, 3 failed"
if [ "$(printf '%s\n' "$probe_out" | grep -E '^(ok|FAIL|docs):' | sed -E 's/^(FAIL: [^ ]+:[0-9]+:).*/\1/')" != "$expected" ]; then
  echo "docs: the runner's self-check failed; it printed:"; printf '%s\n' "$probe_out"; exit 1
fi

if [ "$#" -gt 0 ]; then docs=("$@"); else docs=("$root"/docs/*.md "$root/README.md"); fi
log="$work/docs.log"
set +e
run_docs "${docs[@]}" | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ] && grep -q '^docs: 0 passed' "$log"; then echo "docs: no runnable block found"; exit 1; fi
exit "$status"
