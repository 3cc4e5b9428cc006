#!/usr/bin/env bash
# A trial whose resource is the number of samples it has seen: it trains batch after batch and reports
# after each one, so it reports at 1 x batch, 2 x batch, ... samples, whatever the rung levels are. A rung
# judges it at its first report at or past the rung's level; the job ends at the first report at or past
# LADDER_MAX_RESOURCE. Its checkpoint holds the samples seen, so a promoted trial goes on from there.
set -euo pipefail
while [ $# -gt 0 ]; do
  case "$1" in
    --lr) lr="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
checkpoint="$LADDER_CHECKPOINT_DIR/samples"
samples=0
[ -f "$checkpoint" ] && samples=$(cat "$checkpoint")
while [ "$samples" -lt "$LADDER_MAX_RESOURCE" ]; do
  samples=$((samples + batch))
  sleep "${BATCH_SECONDS:-0.005}"   # one batch of training
  loss=$(awk -v lr="$lr" -v b="$batch" -v n="$samples" \
    'BEGIN { d = log(lr)/log(10) + 2.5; printf "%.6f", (d < 0 ? -d : d) + 0.0005 * b + 30 / sqrt(n) }')
  echo "LADDER_REPORT {\"samples\": $samples, \"loss\": $loss}"
  echo "$samples" > "$checkpoint.tmp" && mv "$checkpoint.tmp" "$checkpoint"
done
