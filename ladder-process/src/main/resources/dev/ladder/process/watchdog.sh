# ladder watchdog: ends the trial processes of a Ladder JVM once that JVM is gone (dev/ladder/process/watchdog.sh)
#
# Arguments: JVM_PID JVM_START_TICKS GRACE_MS. Standard input is a pipe from the JVM that reaches
# its end when the JVM exits; the JVM is gone when /proc/JVM_PID/stat no longer shows a running
# process with that start time (field 22). Then every process whose environment holds
# LADDER_OWNER=JVM_PID:JVM_START_TICKS gets SIGTERM, and SIGKILL if it still runs GRACE_MS
# milliseconds later; the watchdog exits when none is left. Pure bash builtins while polling.
pid=$1
start=$2
grace=$3
owner="LADDER_OWNER=$pid:$start"

# ms: milliseconds on a monotonic-enough clock (EPOCHREALTIME of bash 5, else whole seconds)
now() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    ms=${EPOCHREALTIME/[.,]/}
    ms=$(( 10#$ms / 1000 ))
  else
    ms=$(( SECONDS * 1000 ))
  fi
}

alive() {
  local line
  read -r line 2>/dev/null < "/proc/$pid/stat" || return 1
  set -f
  set -- ${line##*) }
  set +f
  [[ $1 != Z && $1 != X && ${20} == "$start" ]]
}

# found: the pids of the processes carrying the owner's variable
scan() {
  local d p v vars
  found=()
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    [[ $p == "$$" ]] && continue
    mapfile -d '' -t vars 2>/dev/null < "$d/environ" || continue
    for v in "${vars[@]}"; do
      if [[ $v == "$owner" ]]; then
        found+=("$p")
        break
      fi
    done
  done
}

open=1
while alive; do
  if [[ -n $open ]]; then
    read -r -t 0.5 _
    rc=$?
    if (( rc > 0 && rc <= 128 )); then
      open= # the pipe ended: the JVM is exiting
    fi
  else
    sleep 0.1
  fi
done

declare -A termed=()
now
deadline=$(( ms + grace ))
while (( ms < deadline )); do
  scan
  (( ${#found[@]} )) || exit 0
  for p in "${found[@]}"; do
    if [[ -z ${termed[$p]:-} ]]; then
      kill -TERM "$p" 2>/dev/null
      termed[$p]=1
    fi
  done
  sleep 0.1
  now
done
for (( i = 0; i < 50; i++ )); do
  scan
  (( ${#found[@]} )) || exit 0
  kill -KILL "${found[@]}" 2>/dev/null
  sleep 0.1
done
exit 1
