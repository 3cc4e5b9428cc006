#!/usr/bin/env bash
# A trial with two objectives and a constraint: a wider model has a smaller error but a larger size,
# and a width above 6 does not fit in memory (memory_excess > 0 is infeasible). Each LADDER_REPORT line
# carries every metric the spec names; the epoch count lives in LADDER_CHECKPOINT_DIR.
set -euo pipefail
while [ $# -gt 0 ]; do
  case "$1" in
    --lr) lr="$2"; shift 2 ;;
    --width) width="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
checkpoint="$LADDER_CHECKPOINT_DIR/epoch"
epoch=0
[ -f "$checkpoint" ] && epoch=$(cat "$checkpoint")
while [ "$epoch" -lt "$LADDER_MAX_RESOURCE" ]; do
  epoch=$((epoch + 1))
  sleep "${EPOCH_SECONDS:-0.02}"   # one "epoch" of training
  error=$(awk -v lr="$lr" -v w="$width" -v e="$epoch" \
    'BEGIN { d = log(lr)/log(10) + 2.5; printf "%.6f", (d < 0 ? -d : d) + 1.0 / w + 1.0 / e }')
  echo "LADDER_REPORT {\"epoch\": $epoch, \"error\": $error, \"size\": $((width * 10)), \"memory_excess\": $((width - 6))}"
  echo "$epoch" > "$checkpoint.tmp" && mv "$checkpoint.tmp" "$checkpoint"
done
