#!/usr/bin/env bash
# build.sh - set-up, build and run etacodex from a fresh Debian 12 machine.
#
#   ./build.sh run [ETACODEX ARGS...]  install, build, document a repository
#                                      (default: this one, into docs/)
#   ./build.sh test                    install, build with sanitizers, run all tests
#
# Idempotent: apt packages are installed only when missing, pinned
# tree-sitter packages are downloaded only when absent (third_party/fetch.sh).
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(build-essential cmake pkg-config git ca-certificates nodejs npm
    libgit2-dev libjansson-dev libsqlite3-dev libfyaml-dev libgraphviz-dev libxml2-dev
    libclang-14-dev libcmocka-dev clang-format)

install_packages() {
    local missing=() sudo=()
    for p in "${APT_PACKAGES[@]}"; do
        # npm may come with a Node.js that is not Debian's: any npm on PATH will do.
        if [ "$p" = npm ] || [ "$p" = nodejs ]; then
            command -v npm >/dev/null 2>&1 && continue
        fi
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "build.sh: installing ${missing[*]}" >&2
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

configure_and_build() {
    local dir=$1
    shift
    cmake -S . -B "$dir" "$@" >/dev/null
    cmake --build "$dir" -j2
}

mode=${1:-run}
[ $# -gt 0 ] && shift
install_packages
third_party/fetch.sh
case "$mode" in
run)
    configure_and_build build -DCMAKE_BUILD_TYPE=Release -DEC_TESTS=OFF
    if [ $# -eq 0 ]; then
        set -- --project-root . --doc-type architecture --output-dir docs/
    fi
    exec ./build/etacodex "$@"
    ;;
test)
    configure_and_build build-test -DCMAKE_BUILD_TYPE=Debug -DEC_SANITIZE=ON
    scripts/check-format.sh
    ctest --test-dir build-test --output-on-failure -j2
    ;;
*)
    echo "usage: ./build.sh run [ETACODEX ARGS...] | ./build.sh test" >&2
    exit 2
    ;;
esac
