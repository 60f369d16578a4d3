#!/usr/bin/env bash
# Runs a fuzzing campaign over every cargo-fuzz target in fuzz/ (`make fuzz`).
#
# Installs what is missing first (a nightly toolchain with the minimal profile, and
# cargo-fuzz 0.13.2; see ../shared/TOOLCHAIN.md), seeds each target's corpus from the
# repository's fixtures on its first run, replays the saved regressions, then fuzzes each
# target for FUZZ_SECONDS seconds and prints per target the executions, executions per
# second, the coverage libFuzzer reached (`cov:`) and whether it crashed.
#
# Settings (environment):
#   FUZZ_SECONDS  seconds per target (default 600)
#   FUZZ_RUNS     stop a target earlier, after this many executions (default: no limit);
#                 the full campaign is FUZZ_RUNS=10000000 FUZZ_SECONDS=3600
#   FUZZ_TARGETS  space-separated targets (default: every target in fuzz/Cargo.toml)
#   FUZZ_TIMEOUT  seconds after which one input counts as a hang (default 20)
#   FUZZ_SANITIZER  cargo-fuzz's --sanitizer (default none: the crate is
#                 #![forbid(unsafe_code)], so AddressSanitizer finds nothing safe Rust's own
#                 checks would not, and costs about half the executions; use `address` to check
#                 the dependencies' unsafe code)
#
# Corpora live in fuzz/corpus/<target>/ (git-ignored), crash inputs in fuzz/artifacts/<target>/,
# logs in fuzz/logs/<target>.log. Exits non-zero when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.2
seconds=${FUZZ_SECONDS:-600}
timeout=${FUZZ_TIMEOUT:-20}
sanitizer=${FUZZ_SANITIZER:-none}

say() { printf '[fuzz] %s\n' "$*"; }

if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain (minimal profile)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version 2>/dev/null | grep -qF "$CARGO_FUZZ_VERSION"; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 3 minutes, once)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# The fixtures that seed each target, besides its committed seeds in fuzz/seeds/<target>/.
fixtures() {
  case "$1" in
    import_json) ls tests/fixtures/*.json tests/fixtures/bad/*.json docs/*.json 2>/dev/null ;;
    storage_decode | sync_message | journal_replay)
      find tests/fixtures/storage -type f -name '*.json' 2>/dev/null ;;
    html_to_text) ls index.html README.md ARCHITECTURE.md docs/*.md 2>/dev/null ;;
    *) ;;
  esac
}

for t in "${targets[@]}"; do
  corpus=fuzz/corpus/$t
  if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then
    mkdir -p "$corpus"
    n=0
    while IFS= read -r f; do
      [ -n "$f" ] || continue
      # Named by content, so seeds from different folders never overwrite each other.
      cp "$f" "$corpus/seed-$(sha1sum "$f" | cut -c1-16)"
      n=$((n + 1))
    done < <({ fixtures "$t"; [ -d "fuzz/seeds/$t" ] && find "fuzz/seeds/$t" -type f; } || true)
    say "$t: corpus seeded with $n files"
  fi
done

say "building ${#targets[@]} targets (nightly, release with debug assertions, sanitizer $sanitizer)"
# `cargo fuzz build` takes one target or all of them.
if [ "${#targets[@]}" -eq 1 ]; then
  cargo +nightly fuzz build -s "$sanitizer" "${targets[0]}"
else
  cargo +nightly fuzz build -s "$sanitizer"
fi

mkdir -p fuzz/logs
failed=0
summary=()
for t in "${targets[@]}"; do
  # Saved crash inputs must pass first: each is a fixed bug's regression.
  if [ -d "fuzz/regressions/$t" ] && [ -n "$(ls -A "fuzz/regressions/$t")" ]; then
    say "$t: replaying fuzz/regressions/$t"
    if ! cargo +nightly fuzz run -s "$sanitizer" "$t" fuzz/regressions/"$t"/* -- -runs=1 \
      >"fuzz/logs/$t.regressions.log" 2>&1; then
      say "$t: a saved regression fails (fuzz/logs/$t.regressions.log)"
      failed=1
    fi
  fi
  runs=()
  if [ -n "${FUZZ_RUNS:-}" ]; then runs=(-runs="$FUZZ_RUNS"); fi
  say "$t: fuzzing for $seconds s${FUZZ_RUNS:+ or $FUZZ_RUNS executions}"
  log=fuzz/logs/$t.log
  status=0
  cargo +nightly fuzz run -s "$sanitizer" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
    -print_final_stats=1 "${runs[@]}" >"$log" 2>&1 || status=$?
  execs=$(awk '/stat::number_of_executed_units/ { print $NF }' "$log" | tail -n 1)
  rate=$(awk '/stat::average_exec_per_sec/ { print $NF }' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  units=$(grep -o 'corp: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  if [ "$status" -eq 0 ]; then
    crash=no
  else
    failed=1
    artifact=$(grep -o 'fuzz/artifacts/[^ ]*' "$log" | tail -n 1 || true)
    crash="YES (exit $status${artifact:+, input $artifact}; see $log)"
  fi
  summary+=("$(printf '%-16s %12s %9s %7s %8s %7s  %s' "$t" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "${units:-?}" "$crash")")
done

printf '\n%-16s %12s %9s %7s %8s %7s  %s\n' target executions exec/s cov ft corpus crashed
printf '%s\n' "${summary[@]}"
exit "$failed"
