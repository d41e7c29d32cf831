#!/usr/bin/env bash
# Makes the README's pictures of results (docs/images/*.png) with the real ImageJ 1.54p and the built plugin:
# installs the plugin into a temporary plain ImageJ folder (bin/install-into-fiji, as the integration tests do) and
# runs scripts/readme-figures.ijm there in batch mode under xvfb-run, inside timeout.
#   mvn -B -DskipTests package && scripts/readme-figures.sh [OUTPUT_FOLDER]   (default docs/images)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$here/docs/images}" && cd "${1:-$here/docs/images}" && pwd)"
ij="$(ls "$here"/target/dependency/ij-*.jar 2>/dev/null | head -n 1 || true)"
[ -n "$ij" ] || { echo "readme-figures: build first: mvn -B -DskipTests package" >&2; exit 3; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/bin/install-into-fiji" "$work" >/dev/null
log="$work/imagej.log"
set +e
(cd "$work" && timeout -k 5 "${TIMEOUT:-600}" xvfb-run -a "$java" -Xmx2g \
  -Dplugins.dir="$work" -Dslf4j.internal.verbosity=ERROR -jar "$ij" \
  -batch "$here/scripts/readme-figures.ijm" "root=[$here] out=[$out]") >"$log" 2>&1
rc=$?
set -e
cat "$log"
if [ $rc -ne 0 ] || ! grep -q "readme-figures: done" "$log"; then
  echo "readme-figures: ImageJ failed (exit $rc)" >&2; exit 1
fi
ls -l "$out"/*.png
