# Making an OmniVault tree, shared by bin/install and bin/package. Source it after jdk.sh.
#   make_tree ROOT DEST   lays out under DEST, from the source tree ROOT (built), what runs with no
#                         JDK: bin/omnivault, lib/omnivault/{runtime,daemon/lib,cli/lib,...}; then
#                         DEST/lib/omnivault/setup finishes it (caches, completions, man, units)

# The JDK's own modules the daemon and the CLI need, as jdeps finds them in their jars, with those
# a library loads by name (JNDI for PostgreSQL's driver) added.
runtime_modules() { # runtime_modules JDK LIB
  local found
  found=$(cd "$2" && "$1/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
    --module-path . ./*.jar 2>/dev/null | tail -1)
  [ -n "$found" ] || { echo "jdeps found no modules in $2" >&2; return 1; }
  echo "$found,java.naming"
}

make_tree() {
  local root=$1 dest=$2 jdk=$JAVA_HOME modules
  local home="$dest/lib/omnivault"
  modules=$(runtime_modules "$jdk" "$root/bootstrap/target/lib")
  # what an earlier install left here goes first: two versions of one module on a path do not start
  rm -rf "$home/runtime" "$home/daemon/lib" "$home/cli/lib"
  mkdir -p "$dest/bin" "$home/daemon/lib" "$home/cli/lib" "$home/systemd"
  # The runtime image: only those modules, no debug symbols, man pages or headers (~95 MiB).
  "$jdk/bin/jlink" --add-modules "$modules" --output "$home/runtime" \
    --strip-debug --no-man-pages --no-header-files
  cp "$root"/bootstrap/target/lib/*.jar "$home/daemon/lib/"
  cp "$root"/bootstrap-cli/target/lib/*.jar "$home/cli/lib/"
  cp "$root"/bin/lib/{cli.sh,jdk.sh,build-aot-cache,build-daemon-aot-cache} "$root"/bin/lib/tree/setup "$home/"
  cp "$root/bin/install" "$home/install"
  cp "$root"/contrib/systemd/omnivault.{socket,service} "$home/systemd/"
  cp "$root/bin/lib/tree/omnivault" "$dest/bin/omnivault"
  chmod 755 "$dest/bin/omnivault" "$home/install" "$home/setup" "$home/build-aot-cache" "$home/build-daemon-aot-cache"
}
