#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt,
# and removes the ones reported as declared but missing (RS0017). Review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
api=src/Stacking/PublicAPI.Unshipped.txt
out=$(dotnet build src/Stacking/Stacking.csproj -f net10.0 --no-incremental 2>&1 || true)
echo "$out" | grep -oP "error RS0016: Symbol '\K.*?(?=' is not part of the declared public API)" | sort -u > /tmp/rs0016.$$ || true
echo "$out" | grep -oP "error RS0017: Symbol '\K.*?(?=' is part of the declared API)" | sort -u > /tmp/rs0017.$$ || true
{ head -n1 "$api"; { tail -n +2 "$api" | grep -vxFf /tmp/rs0017.$$ || true; cat /tmp/rs0016.$$; } | sed '/^$/d' | LC_ALL=C sort -u; } > "$api.new"
mv "$api.new" "$api"
echo "added $(wc -l < /tmp/rs0016.$$), removed $(wc -l < /tmp/rs0017.$$)"
rm -f /tmp/rs0016.$$ /tmp/rs0017.$$
