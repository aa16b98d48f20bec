#!/usr/bin/env bash
# build-static.sh: runs the Dockerfile's exact build command (no Docker needed) and proves the
# result is a static binary that can run on an empty (scratch) image. Usage: scripts/build-static.sh [OUT]
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

# The image is scratch + this binary + CA certificates (~220 kB) + the catalog + a few bytes.
size=$(wc -c <"$out")
certs=$(wc -c </etc/ssl/certs/ca-certificates.crt 2>/dev/null || echo 220000)
image=$((size + certs + $(wc -c <catalog/catalog.yaml) + 4096))
echo "binary: $size bytes; estimated image: $image bytes (target < 25000000)"
if [ "$image" -ge 25000000 ]; then
  echo "the image would miss the 25 MB target" >&2; exit 1
fi

# The image bakes the catalog and checks it at build time, as the Dockerfile does.
echo "== $out catalog check catalog/catalog.yaml"
"$out" catalog check catalog/catalog.yaml
echo "OK: static build ready for the scratch image"
