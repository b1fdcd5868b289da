#!/usr/bin/env bash
# check-format.sh - fail when a C file of ours differs from .clang-format's style.
# third_party/ is not ours and is not checked.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -co --exclude-standard -- '*.c' '*.h' ':!third_party/src' |
    xargs -r clang-format --dry-run --Werror
