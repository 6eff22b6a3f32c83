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

#   daemon_jvm_flags LIB   sets the array DAEMON_FLAGS for the daemon's modules in LIB
daemon_jvm_flags() {
  DAEMON_FLAGS=(
    -Xlog:aot=off -Xlog:cds=off
    "${DAEMON_SEALED_FLAGS[@]}"
    --enable-native-access=dev.omnivault.bootstrap,dev.omnivault.adapter.seal,dev.omnivault.adapter.cli,org.newsclub.net.unix
    -p "$1"
  )
}
