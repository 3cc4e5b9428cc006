#!/usr/bin/env bash
# A trial in plain shell: Ladder passes the parameters as arguments (from the spec's command
# template) and the resource range in LADDER_RESUME_FROM / LADDER_MAX_RESOURCE; the trial prints
# one LADDER_REPORT line per epoch and keeps its epoch count in LADDER_CHECKPOINT_DIR, so a paused
# trial goes on where it stopped.
set -euo pipefail
while [ $# -gt 0 ]; do
  case "$1" in
    --lr) lr="$2"; shift 2 ;;
    --layers) layers="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
checkpoint="$LADDER_CHECKPOINT_DIR/epoch"
epoch=0
[ -f "$checkpoint" ] && epoch=$(cat "$checkpoint")
while [ "$epoch" -lt "$LADDER_MAX_RESOURCE" ]; do
  epoch=$((epoch + 1))
  sleep "${EPOCH_SECONDS:-0.02}"   # one "epoch" of training
  loss=$(awk -v lr="$lr" -v l="$layers" -v e="$epoch" \
    'BEGIN { d = log(lr)/log(10) + 2.5; printf "%.6f", (d < 0 ? -d : d) + 0.1 * l + 1.0 / e }')
  echo "LADDER_REPORT {\"epoch\": $epoch, \"loss\": $loss}"
  echo "$epoch" > "$checkpoint.tmp" && mv "$checkpoint.tmp" "$checkpoint"
done
