#!/usr/bin/env bash
# fetch.sh - download, verify and unpack the pinned tree-sitter packages.
#
# For each "NAME VERSION SHA256" line of versions.lock:
#   1. downloads/NAME-VERSION.tgz is kept if its sha256 matches; otherwise it is
#      fetched again with `npm pack` and must then match, or it is deleted and
#      the script fails. A tarball already verified is never downloaded again.
#   2. src/NAME/ is unpacked from it (the leading "package/" stripped, only the
#      C sources, queries and LICENSE: no prebuilt .node or .wasm binaries)
#      unless src/NAME/.version already holds VERSION.
#
# A SHA256 of "-" means "not known yet" (bumping a version): the tarball is
# downloaded, its sha256 printed for pasting into versions.lock, and the script
# fails without unpacking it.
#
# A scoped npm name ("@scope/name") is stored under a flat name, as npm pack
# writes it: "scope-name" (downloads/scope-name-VERSION.tgz, src/scope-name/).
#
# Idempotent and silent when everything is in place. Works from any directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

LOCK=versions.lock
DOWNLOADS=downloads
SRC=src

die()
{
    echo "fetch.sh: $*" >&2
    exit 1
}

for tool in npm sha256sum tar; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not installed"
done
[ -f "$LOCK" ] || die "cannot open '$LOCK'"

sha256_of()
{
    sha256sum "$1" | cut -d' ' -f1
}

# npm pack NAME@VERSION into downloads/; npm's chatter (a warning about the
# "nodedir" config on this machine) is shown only if npm fails.
download()
{
    local name=$1 version=$2 log
    echo "fetch.sh: downloading $name@$version"
    if ! log=$(cd "$DOWNLOADS" && npm pack --silent "$name@$version" 2>&1 >/dev/null); then
        printf '%s\n' "$log" >&2
        die "npm pack failed for $name@$version"
    fi
}

# The archive members to unpack: the runtime needs only its C library, a
# grammar its generated sources, queries and (typescript) the shared scanner.
wanted_members()
{
    local name=$1 tgz=$2 listing member
    if [ "$name" = tree-sitter ]; then
        set -- package/LICENSE package/vendor/tree-sitter/lib
    else
        set -- package/LICENSE package/src package/queries \
            package/typescript/src package/tsx/src package/common
    fi
    listing=$(tar -tzf "$tgz")
    for member in "$@"; do
        if grep -qE "^${member}(/|\$)" <<<"$listing"; then
            echo "$member"
        fi
    done
}

# The flat name of a package: "@scope/name" -> "scope-name".
flat_name()
{
    local flat=${1#@}
    echo "${flat//\//-}"
}

unpack()
{
    local name=$1 version=$2 tgz=$3 dest tmp
    dest="$SRC/$(flat_name "$name")"
    tmp="$SRC/.$(flat_name "$name").tmp"
    local -a members
    mapfile -t members < <(wanted_members "$name" "$tgz")
    [ "${#members[@]}" -gt 0 ] || die "nothing to unpack in '$tgz'"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    tar -xzf "$tgz" -C "$tmp" --strip-components=1 --no-same-owner \
        --exclude='*.node' --exclude='*.wasm' "${members[@]}"
    echo "$version" >"$tmp/.version"
    # Swap in whole so an interrupted run never leaves a stamped partial tree.
    rm -rf "$dest"
    mv "$tmp" "$dest"
}

mkdir -p "$DOWNLOADS" "$SRC"

lineno=0
while read -r name version sha rest || [ -n "${name:-}" ]; do
    lineno=$((lineno + 1))
    case "${name:-}" in
    '' | '#'*) continue ;;
    esac
    if [ -z "${version:-}" ] || [ -z "${sha:-}" ] || [ -n "${rest:-}" ]; then
        die "$LOCK:$lineno: expected 'NAME VERSION SHA256'"
    fi

    tgz="$DOWNLOADS/$(flat_name "$name")-$version.tgz"

    if [ "$sha" = - ]; then
        [ -f "$tgz" ] || download "$name" "$version"
        [ -f "$tgz" ] || die "npm pack did not write '$tgz'"
        die "$name@$version has sha256 $(sha256_of "$tgz"); write it into $LOCK"
    fi

    if [ ! -f "$tgz" ] || [ "$(sha256_of "$tgz")" != "$sha" ]; then
        download "$name" "$version"
        [ -f "$tgz" ] || die "npm pack did not write '$tgz'"
        if [ "$(sha256_of "$tgz")" != "$sha" ]; then
            rm -f "$tgz"
            die "checksum mismatch for $name@$version"
        fi
    fi

    stamp="$SRC/$(flat_name "$name")/.version"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$version" ]; then
        unpack "$name" "$version" "$tgz"
    fi
done <"$LOCK"
