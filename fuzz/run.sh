#!/usr/bin/env bash
# fuzz/run.sh - search for inputs that break a parser.
#
#   fuzz/run.sh NAME [SECONDS]   fuzz one target (default 60 s)
#   fuzz/run.sh all [SECONDS]    each target in turn
#
# Builds the libFuzzer targets with clang, ASan and UBSan in build-fuzz/,
# starts from the committed corpus (fuzz/corpus/NAME, never written to) and
# keeps what it finds in build-fuzz/corpus/NAME. A failing input is saved in
# build-fuzz/crashes/; add it to fuzz/corpus/NAME once fixed, so that the
# test suite replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:?usage: fuzz/run.sh NAME|all [SECONDS]}
seconds=${2:-60}
targets=(source cache_record keep linecount manifest toml)

CC=${CC:-clang-14} cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DEC_FUZZ=ON \
    -DEC_SANITIZE=ON -DEC_TESTS=OFF >/dev/null
[ "$name" = all ] || targets=("$name")
for t in "${targets[@]}"; do
    cmake --build build-fuzz -j2 --target "fuzz_$t" >/dev/null
    mkdir -p "build-fuzz/corpus/$t" build-fuzz/crashes
    echo "fuzz/run.sh: fuzz_$t for ${seconds} s" >&2
    "build-fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=build-fuzz/crashes/"$t"- -print_final_stats=1 \
        "build-fuzz/corpus/$t" "fuzz/corpus/$t"
done
