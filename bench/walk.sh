#!/usr/bin/env bash
# walk.sh - the repository walk against what users would run instead.
#
#   bench/walk.sh [-n RUNS] TREE...      (TREE: a git work tree)
#
# For each tree, the median wall time of RUNS runs (default 5, after one
# unmeasured warm-up run) of:
#   etacodex       --doc-type model: list, read, classify, count and hash every
#                  file, describe HEAD, write model.json
#   etacodex -H    the same with --no-history (no git describe history walk)
#   walk           the walk phase alone (list, read, classify, count, hash),
#                  as --timings reports it, of the --no-history runs
#   wc             git ls-files -z | xargs -0 wc -l   (the bar to beat)
#   cloc           cloc --vcs=git (the tool people use for line counts)
# and the ratios to wc and cloc. Then etacodex's totals beside cloc's, to
# spot-check the counts.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${ETACODEX:-$here/build/etacodex}
runs=5
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
if [ $# -eq 0 ]; then
    echo "usage: bench/walk.sh [-n RUNS] TREE..." >&2
    exit 2
fi
[ -x "$bin" ] || { echo "walk.sh: build etacodex first ($bin)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# median wall time in seconds of running "$@" $runs times
median() {
    local times=() i s e
    "$@" >/dev/null 2>&1 || true
    for ((i = 0; i < runs; i++)); do
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        times+=("$(echo "$e - $s" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}

ratio() { echo "scale=2; $1 / $2" | bc -l; }

# median over $runs runs of the walk phase, in seconds, from --timings
walk_phase() {
    local i
    for ((i = 0; i < runs; i++)); do
        "$bin" --project-root "$1" --doc-type model --output-dir "$out/m" --quiet --no-history \
            --timings 2>&1 | sed -n 's/.* walk \([0-9]*\) ms.*/\1/p'
    done | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)] / 1000}'
}

echo "| tree | files | etacodex | etacodex -H | walk | wc -l | cloc | walk/wc | etacodex -H/wc | cloc/etacodex |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
for tree in "$@"; do
    tree=$(cd "$tree" && pwd)
    files=$(git -C "$tree" ls-files | wc -l)
    t_ec=$(median "$bin" --project-root "$tree" --doc-type model --output-dir "$out/m" --quiet)
    t_h=$(median "$bin" --project-root "$tree" --doc-type model --output-dir "$out/m" --quiet --no-history)
    t_walk=$(walk_phase "$tree")
    t_wc=$(median sh -c "cd '$tree' && git ls-files -z | xargs -0 wc -l")
    t_cloc=n/a
    command -v cloc >/dev/null && t_cloc=$(median sh -c "cd '$tree' && cloc --quiet --vcs=git .")
    printf '| %s | %s | %ss | %ss | %ss | %ss | %ss | %s | %s | %s |\n' "$(basename "$tree")" \
        "$files" "$t_ec" "$t_h" "$t_walk" "$t_wc" "$t_cloc" "$(ratio "$t_walk" "$t_wc")" \
        "$(ratio "$t_h" "$t_wc")" \
        "$([ "$t_cloc" = n/a ] && echo n/a || ratio "$t_cloc" "$t_ec")"
done

echo
echo "Totals (code/comment/blank lines), etacodex beside cloc, vendored trees included in cloc:"
for tree in "$@"; do
    "$bin" --project-root "$tree" --doc-type model --output-dir "$out/m" --quiet
    python3 - "$out/m/model.json" "$(basename "$tree")" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
t = [sum(l[k] for l in m["languages"]) for k in ("files", "code", "comment", "blank")]
print(f"  {sys.argv[2]}: etacodex {t[0]} files, {t[1]} code, {t[2]} comment, {t[3]} blank"
      f" ({len(m['skipped'])} paths left out)")
PY
    if command -v cloc >/dev/null; then
        (cd "$tree" && cloc --quiet --vcs=git --csv . 2>/dev/null) | awk -F, -v n="$(basename "$tree")" \
            '$2=="SUM" {printf "  %s: cloc     %s files, %s code, %s comment, %s blank\n", n, $1, $5, $4, $3}'
    fi
done
