#!/usr/bin/env bash
# Time for a hot standby to take over an experiment whose tuner was killed (SIGKILL), on this machine:
# two workers, the quadratic example with executor: remote, a primary `ladder run` and a standby
# `ladder resume`; the primary is killed while a trial runs. Prints the seconds from the kill to the
# standby's "Took over" line, then lets the standby finish. Usage (from the repository root):
#   docs/scripts/takeover.sh 'jdbc:postgresql://localhost:PORT/DB?user=postgres' [ROUNDS]
set -euo pipefail
url="$1"; rounds="${2:-3}"
jar="$(pwd)/ladder-cli/target/ladder.jar"
[ -f "$jar" ] || ./ladder --version >/dev/null
work=$(mktemp -d /tmp/ladder-takeover-XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
for w in 1 2; do java -jar "$jar" worker --storage "$url" --name "takeover-w$w" --lease 10 >"$work/w$w.log" 2>&1 & done
for r in $(seq 1 "$rounds"); do
  name="takeover-$(date +%s)-$r"
  sed -e "s#bash, trial.sh#bash, $(pwd)/examples/quadratic/trial.sh#" -e "s/^name: .*/name: $name/" \
      -e 's/^workers: 2/workers: 2\nexecutor: remote\ncheckpoint_dir: shared\nenv: {EPOCH_SECONDS: "0.2"}/' \
      examples/quadratic/experiment.yaml >"$work/$name.yaml"
  (cd "$work" && java -jar "$jar" run "$name.yaml" --storage "$url" >"$work/primary-$r.log" 2>&1) & primary=$!
  until grep -q "trials started" "$work/primary-$r.log" 2>/dev/null; do sleep 0.05; done
  (cd "$work" && java -jar "$jar" resume "$name" --storage "$url" >"$work/standby-$r.log" 2>&1) & standby=$!
  until grep -q "hot standby" "$work/standby-$r.log" 2>/dev/null; do sleep 0.05; done
  sleep 1   # the trials run on
  pkill -9 -f "run $name.yaml"
  t0=$(date +%s.%N)
  until grep -q "Took over" "$work/standby-$r.log"; do sleep 0.01; done
  t1=$(date +%s.%N)
  wait "$standby"
  printf '{"round": %d, "takeover_seconds": %.2f, "standby_exit": "%s"}\n' "$r" "$(echo "$t1 - $t0" | bc)" \
    "$(tail -1 "$work/standby-$r.log" | cut -c1-60)"
done
