# Building on demand, shared by bin/omnivault and bin/torture.
#   sources_newer_than ROOT FILE   true if a source, resource or POM under ROOT is newer than FILE
#   build_module ROOT MODULE [MVN_ARG…]   packages MODULE and what it needs, tests skipped

sources_newer_than() {
  [ -n "$(find "$1"/*/src/main "$1"/pom.xml "$1"/*/pom.xml -newer "$2" \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -print -quit 2>/dev/null)" ]
}

build_module() {
  local root=$1 module=$2
  shift 2
  command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn) is needed to build OmniVault: apt-get install maven" >&2; return 1; }
  (cd "$root" && MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    mvn -B -q -DskipTests -DskipITs -Djacoco.skip=true -Dspotless.check.skip=true "$@" -pl "$module" -am package) >&2
}
