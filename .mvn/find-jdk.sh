# Finds an installed JDK for eco. Sourced by ./eco and ./mvnw, so it is plain POSIX sh (mvnw runs under
# /bin/sh with globbing off and -eu on) and defines functions only; each runs in a subshell, so nothing
# leaks into the caller.

# The JDK feature version eco needs: pom.xml's eco.jdk.version says the same.
jdk_required=25

# The feature version of a JDK home ("25" for 25.0.1), or nothing if it is not a JDK.
jdk_feature_version() (
  home="$1" v=""
  [ -x "$home/bin/java" ] || exit 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "$v"
)

# Prints the home of a JDK >= $jdk_required, or nothing: JAVA_HOME, then java on PATH, then the usual
# install folders, where the newest wins.
find_jdk() (
  set +f # the install folders are globs
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(jdk_feature_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$jdk_required" ]; then echo "$JAVA_HOME"; exit 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    v=$(jdk_feature_version "$home")
    if [ -n "$v" ] && [ "$v" -ge "$jdk_required" ]; then echo "$home"; exit 0; fi
  fi
  best="" best_v=0
  for candidate in /usr/lib/jvm/* /usr/java/* /usr/local/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
                   "${HOME:-}"/.sdkman/candidates/java/* "${HOME:-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    v=$(jdk_feature_version "$candidate")
    if [ -n "$v" ] && [ "$v" -ge "$jdk_required" ] && [ "$v" -gt "$best_v" ]; then best="$candidate"; best_v="$v"; fi
  done
  echo "$best"
)
