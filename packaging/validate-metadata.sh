#!/usr/bin/env bash
# Validates the desktop integration files in packaging/ with the freedesktop.org tools, each under
# the name it is installed as (app/gui/CMakeLists.txt), and checks that they agree with each other:
#
#   desktop-file-validate            io.smolify.Smolify.desktop         (desktop-file-utils)
#   appstreamcli validate --no-net   io.smolify.Smolify.metainfo.xml    (appstream)
#   update-mime-database             mime/packages/io.smolify.Smolify.xml (shared-mime-info): the
#                                    built database must map *.smolify to the type
#
# Usage: packaging/validate-metadata.sh [PACKAGING_DIR]   (default: this script's folder)
# Exit: 0 all present validators passed, 1 an error was reported, 77 none of the validators is
# installed (ctest counts that as skipped; scripts/install-deps.sh installs them). Registered with
# ctest as packaging_metadata (packaging/CMakeLists.txt).
set -uo pipefail

dir=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
id=io.smolify.Smolify
mime_type=application/x-smolify-project
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failed=0 ran=0
fail() { echo "FAIL: $*"; failed=1; }

# The files under their installed names: desktop-file-validate and appstreamcli judge the name too.
cp "$dir/smolify.desktop" "$tmp/$id.desktop"
cp "$dir/$id.metainfo.xml" "$tmp/$id.metainfo.xml"
mkdir -p "$tmp/mime/packages"
cp "$dir/smolify-mime.xml" "$tmp/mime/packages/$id.xml"

if command -v desktop-file-validate >/dev/null; then
    ran=$((ran + 1))
    echo "== desktop-file-validate $id.desktop"
    # Exit status 1 on errors; warnings and hints are printed with status 0.
    desktop-file-validate "$tmp/$id.desktop" || fail "desktop-file-validate reported errors"
else
    echo "SKIP: desktop-file-validate not installed (package desktop-file-utils)"
fi

if command -v appstreamcli >/dev/null; then
    ran=$((ran + 1))
    echo "== appstreamcli validate --no-net $id.metainfo.xml"
    # Fails on errors and warnings; info and pedantic hints pass.
    appstreamcli validate --no-net "$tmp/$id.metainfo.xml" || fail "appstreamcli validate reported problems"
else
    echo "SKIP: appstreamcli not installed (package appstream)"
fi

if command -v update-mime-database >/dev/null; then
    ran=$((ran + 1))
    echo "== update-mime-database with mime/packages/$id.xml"
    # It exits 0 even when it cannot parse a file, so judge what it printed and what it built.
    # (XDG_DATA_HOME=$tmp: else it adds a note that $tmp is not among the data folders.)
    out=$(XDG_DATA_HOME="$tmp" update-mime-database "$tmp/mime" 2>&1)
    [[ -z $out ]] || { echo "$out"; fail "update-mime-database complained about the MIME file"; }
    grep -qx "50:$mime_type:\*\.smolify" "$tmp/mime/globs2" ||
        fail "the built MIME database does not map *.smolify to $mime_type"
    grep -qx "$mime_type application/vnd.sqlite3" "$tmp/mime/subclasses" ||
        fail "the built MIME database does not make $mime_type a kind of application/vnd.sqlite3"
else
    echo "SKIP: update-mime-database not installed (package shared-mime-info)"
fi

# The three files name the same things: the desktop entry's MIME type is the one the MIME file
# defines and the metainfo provides, its Icon is the installed icon's name, and the metainfo's
# launchable is the desktop entry's installed name.
echo "== cross-references"
grep -qx "MimeType=$mime_type;" "$dir/smolify.desktop" || fail "smolify.desktop: MimeType is not $mime_type;"
grep -qx "Icon=$id" "$dir/smolify.desktop" || fail "smolify.desktop: Icon is not $id"
grep -q "<mime-type type=\"$mime_type\">" "$dir/smolify-mime.xml" || fail "smolify-mime.xml does not define $mime_type"
grep -q "<mediatype>$mime_type</mediatype>" "$dir/$id.metainfo.xml" || fail "metainfo does not provide $mime_type"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$dir/$id.metainfo.xml" ||
    fail "metainfo's launchable is not $id.desktop"
grep -q "<id>$id</id>" "$dir/$id.metainfo.xml" || fail "metainfo's id is not $id"

if ((failed)); then exit 1; fi
if ((ran == 0)); then
    echo "SKIP: none of desktop-file-validate, appstreamcli, update-mime-database is installed"
    exit 77
fi
echo "OK: $ran validator(s) passed, cross-references agree"
