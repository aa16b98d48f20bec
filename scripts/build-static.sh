#!/usr/bin/env bash
# build-static.sh: runs the Dockerfile's exact build command (no Docker needed) and proves the
# result is a static binary that can run on distroless/static. Usage: scripts/build-static.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bin/samayoon}
mkdir -p "$(dirname "$out")"

echo "== CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o $out ."
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$out" .

echo "== checking $out"
go run ./scripts/staticcheck "$out"
if command -v readelf >/dev/null; then
  if readelf -l "$out" | grep -q 'Requesting program interpreter'; then
    echo "readelf: $out requests a program interpreter" >&2; exit 1
  fi
  echo "readelf: no program interpreter"
fi
if command -v file >/dev/null; then file "$out"; fi
go version -m "$out" | grep -E 'CGO_ENABLED|-trimpath|-ldflags' || true

size=$(wc -c <"$out")
echo "size: $((size / 1024 / 1024)) MiB ($size bytes); distroless/static adds about 2 MiB"
if [ "$size" -gt $((23 * 1024 * 1024)) ]; then
  echo "binary over 23 MiB: the image would miss the 25 MB target" >&2; exit 1
fi

# The image bakes the catalog and checks it at build time, as the Dockerfile does.
echo "== $out catalog check catalog/catalog.yaml"
"$out" catalog check catalog/catalog.yaml
echo "OK: static build ready for gcr.io/distroless/static-debian12:nonroot"
