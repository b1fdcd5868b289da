#!/usr/bin/env bash
# analysis.sh - source analysis against ctags and against reading every byte,
# the cached re-run, peak memory and the share of resolved internal imports.
#
#   bench/analysis.sh [-n RUNS] [TREE | DIR]...
#
# TREE is a git work tree; a DIR that is not one stands for the work trees
# directly under it. Without arguments the trees under $EC_BENCH_TREES are
# measured. For each tree, the median wall time of RUNS runs (default 3;
# every command runs once unmeasured first, so the page cache is warm) of:
#   cold       etacodex --doc-type model --no-history --no-cache: list, read,
#              parse and resolve every file, write model.json
#   cpu        user + system CPU time of the cold runs (etacodex uses every
#              core, ctags one)
#   first      the same with --cache DIR on an empty DIR: a first run that
#              also writes the cache
#   warm       the same again on the filled cache (nothing changed)
#   ctags -R   ctags -R -f - . >/dev/null in the tree (Universal Ctags)
#   ctags -L   ctags -f - -L - >/dev/null given the file list below
#   ctags cpu  user + system CPU time of ctags -L
#   cat        xargs -0 cat >/dev/null over the file list below
#   RSS        the largest peak resident set size of the cold runs
# The file list is what git ls-files lists, less gitlinks (submodules) and
# symbolic links: the files etacodex reads. Then the ratios cold/ctags -L,
# cpu/ctags cpu and cold/cat, and, from the cold run's model.json, the share of imports that
# point into the project which etacodex resolved to a project file
# (bench/internal_imports.py states the rules), with the specs most often
# missed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${ETACODEX:-$here/build-rel/etacodex}
runs=3
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
if [ $# -eq 0 ]; then
    if [ -z "${EC_BENCH_TREES:-}" ]; then
        echo "usage: bench/analysis.sh [-n RUNS] [TREE | DIR]...  (or set EC_BENCH_TREES=DIR)" >&2
        exit 2
    fi
    set -- "$EC_BENCH_TREES"
fi
[ -x "$bin" ] || { echo "analysis.sh: build etacodex first ($bin)" >&2; exit 2; }
command -v ctags >/dev/null || { echo "analysis.sh: install universal-ctags" >&2; exit 2; }
ctags --version 2>/dev/null | grep -q 'Universal Ctags' ||
    { echo "analysis.sh: ctags is not Universal Ctags" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "analysis.sh: install time (GNU time)" >&2; exit 2; }

is_tree() {
    [ -d "$1" ] && [ "$(git -C "$1" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$1" && pwd -P)" ]
}
trees=()
for arg in "$@"; do
    if is_tree "$arg"; then
        trees+=("$(cd "$arg" && pwd -P)")
    else
        for d in "$arg"/*/; do
            if is_tree "$d"; then trees+=("$(cd "$d" && pwd -P)"); fi
        done
    fi
done
[ ${#trees[@]} -gt 0 ] || { echo "analysis.sh: no git work tree in: $*" >&2; exit 2; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now() { date +%s.%N; }
median_of() { sort -g | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }

ctags_r() { (cd "$1" && ctags -R -f - . >/dev/null); }
ctags_l() {
    (cd "$1" && tr '\0' '\n' <"$2" | /usr/bin/time -f '%U %S' -o "$out/ctime" ctags -f - -L - >/dev/null)
}
cat_all() { (cd "$1" && xargs -0 cat <"$2" >/dev/null); }
ec() { "$bin" --project-root "$1" --doc-type model --output-dir "$2" --no-history --quiet "${@:3}"; }

# wall time in seconds of "$@", appended to the file $out/t.$name
timed() {
    local name=$1 s e
    shift
    s=$(now)
    "$@" >/dev/null 2>&1 || { echo "analysis.sh: failed: $*" >&2; exit 1; }
    e=$(now)
    echo "$e - $s" | bc -l >>"$out/t.$name"
}

# One round runs every command once, so that a change in the machine's load
# falls on all of them alike; round 0 is the unmeasured warm-up.
measure() {
    local tree=$1 list=$2 r m u sy
    rm -f "$out"/t.* "$out/rss"
    for ((r = 0; r <= runs; r++)); do
        timed cold /usr/bin/time -f '%M %U %S' -o "$out/time" \
            "$bin" --project-root "$tree" --doc-type model --output-dir "$out/model" --no-history \
            --quiet --no-cache
        read -r m u sy <"$out/time"
        echo "$u + $sy" | bc -l >>"$out/t.cpu"
        echo "$m" >>"$out/rss"
        rm -rf "$out/cache"
        timed first ec "$tree" "$out/warm" --cache "$out/cache"
        timed warm ec "$tree" "$out/warm" --cache "$out/cache"
        timed ctags_r ctags_r "$tree"
        timed ctags_l ctags_l "$tree" "$list"
        read -r u sy <"$out/ctime"
        echo "$u + $sy" | bc -l >>"$out/t.ctags_cpu"
        timed cat cat_all "$tree" "$list"
        if [ "$r" -eq 0 ]; then rm -f "$out"/t.*; fi
    done
    cmp -s "$out/warm/model.json" "$out/model/model.json" ||
        echo "analysis.sh: $tree: model.json differs between cached and uncached runs" >&2
    rss_mib=$(sort -n "$out/rss" | tail -1 | awk '{printf "%d", $1 / 1024}')
}
med() { median_of <"$out/t.$1"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
details=()
for tree in "${trees[@]}"; do
    name=$(basename "$tree")
    git -C "$tree" ls-files -s -z |
        awk -v RS='\0' -v ORS='\0' '$1 != "160000" && $1 != "120000" { sub(/^[^\t]*\t/, ""); print }' \
            >"$out/list"
    files=$(tr -cd '\0' <"$out/list" | wc -c)
    measure "$tree" "$out/list"
    t_cold=$(med cold) t_cpu=$(med cpu) t_first=$(med first) t_warm=$(med warm)
    t_ctags_r=$(med ctags_r) t_ctags_l=$(med ctags_l) t_ctags_cpu=$(med ctags_cpu) t_cat=$(med cat)
    python3 "$here/bench/internal_imports.py" "$tree" "$out/model/model.json" >"$out/res-$name.json"
    share=$(jq -r 'if .share == null then "n/a" else "\(.share * 1000 | round / 10)% (\(.resolved)/\(.points_in))" end' \
        "$out/res-$name.json")
    rows+=("$(printf '| %s | %s | %ss | %ss | %ss | %ss | %ss | %ss | %ss | %ss | %s MiB | %s | %s | %s | %s |' \
        "$name" "$files" "$t_cold" "$t_cpu" "$t_first" "$t_warm" "$t_ctags_r" "$t_ctags_l" \
        "$t_ctags_cpu" "$t_cat" "$rss_mib" "$(ratio "$t_cold" "$t_ctags_l")" \
        "$(ratio "$t_cpu" "$t_ctags_cpu")" "$(ratio "$t_cold" "$t_cat")" "$share")")
    details+=("$name: $(git -C "$tree" log -1 --format='%h %cs' HEAD)")
done

echo "| tree | files | cold | cpu | first | warm | ctags -R | ctags -L | ctags cpu | cat | RSS | cold/ctags | cpu/ctags cpu | cold/cat | resolved internal |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
printf '%s\n' "${rows[@]}"
echo
echo "Trees (commit, date):"
printf '  %s\n' "${details[@]}"
echo "Load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$bin" --version 2>/dev/null | head -1) ($bin), source tree at $(git -C "$here" describe --always --dirty 2>/dev/null || echo '?')"
echo
echo "Imports that point into the project, by language (resolved/all), and the specs most often"
echo "left unresolved (spec, kind given, count, first place):"
for tree in "${trees[@]}"; do
    name=$(basename "$tree")
    jq -r --arg n "$name" '
        "  \($n): \(.points_in) of \(.imports) imports point into the project; "
        + ([.by_language | to_entries[] | "\(.key) \(.value.resolved)/\(.value.points_in)"] | join(", "))
        + "; \(.internal_elsewhere) other imports resolved to project files",
        (.misses[] | "    \(.spec) (\(.language), \(.kind)) x\(.count)  \(.example)")' \
        "$out/res-$name.json"
done
