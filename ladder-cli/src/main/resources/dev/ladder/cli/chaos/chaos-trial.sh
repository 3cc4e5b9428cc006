#!/usr/bin/env bash
# The chaos harness's trial wrapper (ladder chaos): runs the trial program given as its arguments and
# notices when two processes work in the same checkpoint folder at once. It keeps an owner file for
# LADDER_CHECKPOINT_DIR in CHAOS_OWNERS (outside the out folder, so the checkpoint folder holds only
# the program's files) and appends "FOLDER OWN_PID OTHER_PID WHEN" to CHAOS_CONFLICTS when, at its start,
# the file names another wrapper of that folder that still runs ("start"), or when, before passing on
# a LADDER_REPORT line or after the program exited, the file no longer holds its own pid ("report",
# "exit"). Output and exit code are the program's.
set -uo pipefail
owner="$CHAOS_OWNERS/$(printf '%s' "$LADDER_CHECKPOINT_DIR" | tr '/' '_')"
previous=$(cat "$owner" 2>/dev/null)
if [ -n "$previous" ] && tr '\0' '\n' 2>/dev/null < "/proc/$previous/environ" \
    | grep -qxF "LADDER_CHECKPOINT_DIR=$LADDER_CHECKPOINT_DIR"; then
  echo "$LADDER_CHECKPOINT_DIR $$ $previous start" >> "$CHAOS_CONFLICTS"
fi
echo $$ > "$owner"
check() {
  local now
  now=$(cat "$owner" 2>/dev/null)
  [ "$now" = "$$" ] || echo "$LADDER_CHECKPOINT_DIR $$ ${now:-none} $1" >> "$CHAOS_CONFLICTS"
}
"$@" | while IFS= read -r line; do
  case "$line" in LADDER_REPORT*) check report ;; esac
  printf '%s\n' "$line"
done
code=${PIPESTATUS[0]}
check exit
exit "$code"
