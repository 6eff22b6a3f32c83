# The launch flags of the two programs, in one place. A JDK 25 AOT cache is only accepted by a JVM
# started with the same module path and flags as its training run, so bin/omnivault and the build's
# training runs (bin/lib/build-aot-cache for the CLI, bin/lib/build-daemon-aot-cache for the
# daemon) all read them from here.
#   cli_jvm_flags LIB   sets the array CLI_FLAGS to the flags for the modules in LIB (no subshell:
#                       this runs on every CLI call)

CLI_MAIN_MODULE=dev.omnivault.bootstrap.cli

# C1 only and the serial GC suit a JVM that lives a fraction of a second, and so does no
# hsperfdata file (-UsePerfData: nothing for jstat to watch in a CLI call); unified logging's
# warnings (a stale cache, say) would go to stdout and into a script's captured secret, so only
# errors are logged, to stderr; a cache the JVM cannot use (a changed jar, another JDK) is
# skipped in silence. bin/bench gives its minimal Java client the same options.
CLI_JVM_OPTIONS=(
  -XX:TieredStopAtLevel=1
  -XX:+UseSerialGC
  -XX:-UsePerfData
  -Xlog:disable -Xlog:all=error,aot=off,cds=off:stderr
)

# The CLI asks the C library whether stdin is a terminal and turns its echo off (adapters-cli's
# Tty, through the foreign-function API), so its module is allowed native access.
cli_jvm_flags() {
  CLI_FLAGS=("${CLI_JVM_OPTIONS[@]}" --enable-native-access=dev.omnivault.adapter.cli -p "$1")
}

DAEMON_MAIN=dev.omnivault.bootstrap/dev.omnivault.bootstrap.Main

# The daemon's JVM is sealed (SPEC §4): no attach (jcmd, heap dumps, agents from another process)
# and no dynamic agents; DaemonControl (daemon start) passes the same flags (SealedJvm.FLAGS).
DAEMON_SEALED_FLAGS=(-XX:+DisableAttachMechanism -XX:-EnableDynamicAgentLoading)

# A small, long-lived daemon's memory (measured by bin/bench --only memory, README "Performance"):
# the serial collector, a heap that starts at 8 MiB, may grow to 256 MiB (a vault of 100,000
# secrets, imported in one call, needs ~200) and shrinks back at once after a full collection
# (the one that follows each Argon2 derivation, whose 64 MiB live in the heap), and the C library's
# heap trimmed every 2 s (the JIT's compiler arenas, freed after a load, are given back). Both
# compilers stay: C1 alone halves GET throughput and triples its p99. A daemon whose heap runs out
# ends at once, as a crash would (the store is crash-safe; the key dies with the process): going on
# after an OutOfMemoryError left a write on disk that the daemon had answered 500 for and did not
# show until a restart. DaemonControl (daemon start) passes the same flags (SealedJvm.MEMORY_FLAGS).
DAEMON_MEMORY_FLAGS=(-XX:+UseSerialGC -Xms8m -Xmx256m -XX:-ShrinkHeapInSteps -XX:MinHeapFreeRatio=10
  -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError)

# daemon start|stop|status and doctor live a fraction of a second in a JVM of their own (the daemon
# that daemon start launches gets DaemonControl's flags, never these): C1 alone and no hsperfdata
# file, as the CLI (measured: daemon status 157 -> 102 ms; the daemon's AOT cache still applies).
# At exit a JVM waits up to 30 x 10 ms for threads in native code, and daemon start's JVM always
# has one: the JDK's reaper, in waitpid() on the daemon it started; it is not waited for
# (measured: daemon start 826 -> 527 ms, the medians of 5).
DAEMON_CONTROL_FLAGS=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:UserThreadWaitAttemptsAtExit=0)

# A vault larger than the default heap holds (about seventeen 4 MiB values, or ~100,000 secrets of a
# usual size, before the daemon refuses writes) needs a larger one: OMNIVAULT_DAEMON_HEAP=SIZE, from
# 64m to 16g (512m, 2g), replaces the daemon's -Xmx; any other value is refused, so nothing but a
# size reaches the JVM from it. daemon start passes it on to the daemon it launches.
#   daemon_heap_flags   replaces -Xmx in DAEMON_FLAGS by OMNIVAULT_DAEMON_HEAP's (exit 2 if it is not a size)
daemon_heap_flags() {
  local heap=${OMNIVAULT_DAEMON_HEAP:-} mib flag
  [ -n "$heap" ] || return 0
  if [[ $heap =~ ^([1-9][0-9]{0,5})([mMgG])$ ]]; then
    mib=${BASH_REMATCH[1]}
    case ${BASH_REMATCH[2]} in g|G) mib=$((mib * 1024)) ;; esac
  fi
  if [ -z "${mib:-}" ] || (( mib < 64 || mib > 16384 )); then
    echo "Error: OMNIVAULT_DAEMON_HEAP=$heap is not a heap size from 64m to 16g (such as 512m or 2g)" >&2
    exit 2
  fi
  local flags=()
  for flag in "${DAEMON_FLAGS[@]}"; do
    case $flag in -Xmx*) flags+=("-Xmx${mib}m") ;; *) flags+=("$flag") ;; esac
  done
  DAEMON_FLAGS=("${flags[@]}" "-Domnivault.daemon.heap=${mib}m")
}

# A JVM cannot start in a folder that was removed while a shell stood in it (it ends with a stack
# trace of its own), and a relative path given to a command could not be found there anyway: the
# launchers refuse first, with what to do (no fork: pwd is bash's own).
#   refuse_a_removed_directory   exit 2 with a message when the working directory no longer exists
refuse_a_removed_directory() {
  if ! pwd -P >/dev/null 2>&1; then
    echo "Error: the current directory no longer exists (it was removed); cd to another one and try again" >&2
    exit 2
  fi
}

#   daemon_jvm_flags LIB   sets the array DAEMON_FLAGS for the daemon's modules in LIB
daemon_jvm_flags() {
  DAEMON_FLAGS=(
    -Xlog:aot=off -Xlog:cds=off
    "${DAEMON_SEALED_FLAGS[@]}"
    "${DAEMON_MEMORY_FLAGS[@]}"
    --enable-native-access=dev.omnivault.bootstrap,dev.omnivault.adapter.seal,dev.omnivault.adapter.cli,org.newsclub.net.unix
    -p "$1"
  )
}

# exec_omnivault JAVA DAEMON_LIB DAEMON_CACHE CLI_LIB CLI_CACHE LAUNCHER ARG...: becomes the program
# that ARG... asks for, as both launchers do it (bin/omnivault in a source tree, bin/lib/tree/omnivault
# installed): daemon, demo and doctor with the whole program, every other command with the CLI's
# small module path. A start-up cache is passed whenever it exists (the JVM checks it against the
# jars it was trained on and runs without it, silently, when one changed); OMNIVAULT_NO_AOT=1 skips
# it. LAUNCHER is the launcher's own path, for OMNIVAULT_AUTOSTART's daemon start.
exec_omnivault() {
  local java=$1 daemon_lib=$2 daemon_cache=$3 cli_lib=$4 cli_cache=$5 launcher=$6
  shift 6
  # the command word and the one after it, past a leading --profile NAME (Java takes the option out)
  local command_word=${1:-} sub_word=${2:-} variable
  case $command_word in
    --profile) command_word=${3:-} sub_word=${4:-} ;;
    --profile=*) command_word=${2:-} sub_word=${3:-} ;;
  esac
  local flags=()
  case "$command_word" in
    daemon|demo|doctor)
      # No JVM options from the caller's environment reach the daemon (an agent there would run
      # inside it), a JVM crash log goes to the private config dir, and whatever the daemon
      # creates without a mode of its own is private.
      for variable in JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS; do
        if [ -n "${!variable:-}" ]; then
          echo "Warning: $variable is not passed to the daemon" >&2
          unset "$variable"
        fi
      done
      umask 077
      daemon_jvm_flags "$daemon_lib"
      daemon_heap_flags
      flags=("${DAEMON_FLAGS[@]}" "-XX:ErrorFile=${OMNIVAULT_HOME:-$HOME/.omnivault}/omnivaultd-crash-%p.log")
      case "$command_word:$sub_word" in
        daemon:start|daemon:stop|daemon:status|doctor:*) flags+=("${DAEMON_CONTROL_FLAGS[@]}") ;;
      esac
      if [ -f "$daemon_cache" ] && [ -z "${OMNIVAULT_NO_AOT:-}" ]; then
        # daemon start passes it on to the daemon it launches
        flags+=(-XX:AOTCache="$daemon_cache" -Domnivault.daemon.aot="$daemon_cache")
      fi
      exec "$java" "${flags[@]}" -m "$DAEMON_MAIN" "$@" ;;
  esac
  cli_jvm_flags "$cli_lib"
  flags=("${CLI_FLAGS[@]}")
  if [ -f "$cli_cache" ] && [ -z "${OMNIVAULT_NO_AOT:-}" ]; then
    flags+=(-XX:AOTCache="$cli_cache")
  fi
  exec "$java" "${flags[@]}" -Domnivault.launcher="$launcher" -m "$CLI_MAIN_MODULE/dev.omnivault.bootstrap.cli.CliMain" "$@"
}

