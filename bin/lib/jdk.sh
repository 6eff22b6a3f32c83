# Finds a JDK 25 (or newer) for OmniVault's scripts. Source it, then call find_jdk25: it prints the
# JDK's home on stdout, or explains on stderr what to do and returns 1.
# Order: $JAVA_HOME, the `java` on PATH, /usr/lib/jvm/temurin-25-jdk-amd64, then the usual folders.

# jdk_major_into HOME: sets JDK_MAJOR to the feature version of the JDK at HOME, read from its
# release file with bash alone (no subshell: bin/omnivault runs this on every call); 1 if none.
jdk_major_into() {
  local home=$1 line
  JDK_MAJOR=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] && [ -f "$home/release" ] || return 1
  while IFS= read -r line; do
    case $line in JAVA_VERSION=\"*) JDK_MAJOR=${line#JAVA_VERSION=\"}; JDK_MAJOR=${JDK_MAJOR%%[!0-9]*}; break ;; esac
  done < "$home/release"
  [ -n "$JDK_MAJOR" ]
}

jdk_major() { # $1 = a JDK home; prints its feature version, or nothing
  local home=$1 version=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if jdk_major_into "$home"; then
    version=$JDK_MAJOR
  else
    version=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  [ -n "$version" ] && echo "$version"
}

find_jdk25() {
  local candidate major seen=" " tried=()
  # The usual case first: JAVA_HOME names a JDK 25.
  if [ -n "${JAVA_HOME:-}" ] && jdk_major_into "$JAVA_HOME" && [ "$JDK_MAJOR" -ge 25 ] 2>/dev/null; then
    echo "$JAVA_HOME"
    return 0
  fi
  local on_path=""
  if command -v java >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for candidate in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/temurin-25-jdk-amd64 \
      /usr/lib/jvm/*-25* /usr/lib/jvm/*25* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    case "$seen" in *" $candidate "*) continue ;; esac
    seen="$seen$candidate "
    major=$(jdk_major "$candidate") || { tried+=("$candidate (no JDK)"); continue; }
    if [ "$major" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
    tried+=("$candidate (Java $major)")
  done
  {
    echo "OmniVault needs a JDK 25 and none was found."
    [ ${#tried[@]} -gt 0 ] && printf '  looked at: %s\n' "${tried[@]}"
    echo "Install one (for example Eclipse Temurin 25) and point JAVA_HOME at it:"
    echo "  export JAVA_HOME=/path/to/jdk-25"
  } >&2
  return 1
}

# Sets and exports JAVA_HOME to a JDK 25, or explains and returns 1. Without a subshell when
# JAVA_HOME already names a JDK 25 (read from its release file): bin/omnivault runs this per call.
use_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && jdk_major_into "$JAVA_HOME" && [ "$JDK_MAJOR" -ge 25 ] 2>/dev/null; then
    export JAVA_HOME
    return 0
  fi
  JAVA_HOME=$(find_jdk25) || return 1
  export JAVA_HOME
}
