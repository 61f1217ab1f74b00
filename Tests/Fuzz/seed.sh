#!/bin/sh
# Writes the seed corpus for the fuzzer into DIR (created if needed):
#   - the whole sample dataset as one input (files joined with `%%% NAME` lines),
#   - each sample file alone (as wilayah.csv, the first file of an input),
#   - every kept case from Tests/PantauKitTests/FuzzCorpus/.
# Usage: Tests/Fuzz/seed.sh DIR   (run from anywhere)
set -eu
out=${1:?usage: seed.sh DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
: > "$out/sample-data-all"
for name in wilayah sumber indikator target rekomendasi konvergensi program; do
    printf '%%%%%% %s.csv\n' "$name" >> "$out/sample-data-all"
    cat "$root/sample-data/$name.csv" >> "$out/sample-data-all"
    cp "$root/sample-data/$name.csv" "$out/sample-data-$name"
done
cp "$root"/Tests/PantauKitTests/FuzzCorpus/* "$out/"
ls "$out" | wc -l
