#!/usr/bin/env bash
# The chaos harness's trial wrapper (ladder chaos): runs the trial program given as its arguments and
# notices when another process takes over the same checkpoint folder. At start it writes its pid into
# an owner file for LADDER_CHECKPOINT_DIR in CHAOS_OWNERS (outside the out folder, so the checkpoint
# folder holds only the program's files); before passing on each LADDER_REPORT line, and once the
# program has exited, it checks that the file still holds its pid, and otherwise appends
# "FOLDER OWN_PID OTHER_PID WHEN" to CHAOS_CONFLICTS. Output and exit code are the program's.
set -uo pipefail
owner="$CHAOS_OWNERS/$(printf '%s' "$LADDER_CHECKPOINT_DIR" | tr '/' '_')"
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
