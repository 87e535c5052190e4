#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted ${...} are dpkg-query formats and chroot scripts
# The .deb in a clean Debian 12: makes a bookworm root with debootstrap (variant minbase), installs
# the package there with apt-get, so that its Depends are resolved from Debian's mirror and nothing
# the build machine happens to have helps, and starts both programs inside it. The proof that the
# package installs and runs (issue 13); docs/packaging.md says how to run it and what it showed.
#
# Runs itself in a private mount namespace (unshare) when it can, so the root's /proc, /sys and /dev
# mounts are never visible outside it; the EXIT trap unmounts them as well and removes the root only
# when nothing is mounted below it any more.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: sudo packaging/debootstrap-test.sh [--cache DIR] [--mirror URL] [--keep] [PACKAGE.deb]

Needs root (debootstrap, mount and chroot); installs debootstrap with apt-get when it is missing.
Makes a clean Debian 12 (bookworm) root with `debootstrap --variant=minbase` in a temporary folder,
installs PACKAGE.deb there with `apt-get install --no-install-recommends` (Depends only, from the
mirror, bookworm-updates and bookworm-security), and checks inside the root, as user nobody:

  ldd /usr/bin/smolify /usr/bin/smolify-cli    no library "not found"
  QT_QPA_PLATFORM=offscreen smolify --version  exits 0 and names the package's version
  smolify-cli --help                           exits 0 and prints the usage
  smolify-cli --version                        exits 0 and names the package's version
  smolify-cli init / info                      a project is made and read back (SQLite at work)
  smolify --screenshot shot.png t.smolify      the main window opens the project and is saved
  the installed desktop entry, MIME type, metainfo, icon, examples and copyright are in place

PACKAGE.deb defaults to the newest build/pkg/*.deb of this source tree.

  --cache DIR   keep a pristine debootstrap root in DIR/root (made on the first run, never changed
                afterwards) and copy it for each run instead of bootstrapping afresh
  --mirror URL  the Debian mirror (default http://deb.debian.org/debian)
  --keep        keep the temporary root after the run (its path is printed)
  -h, --help    this text

Exit status: 0 every check passed, 1 the install or a check failed, 2 a usage or setup error.
EOF
}

die() { echo "debootstrap-test: $2" >&2; exit "$1"; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
suite=bookworm
mirror=http://deb.debian.org/debian
security=http://deb.debian.org/debian-security
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cache="" keep=0 deb=""
args=("$@")
while (($#)); do
    case $1 in
        --cache) [[ $# -ge 2 ]] || die 2 "--cache needs a folder"; cache=$2; shift 2 ;;
        --mirror) [[ $# -ge 2 ]] || die 2 "--mirror needs a URL"; mirror=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) usage >&2; die 2 "unknown option $1" ;;
        *) [[ -z $deb ]] || { usage >&2; die 2 "give one package"; }; deb=$1; shift ;;
    esac
done

if [[ -z $deb ]]; then
    deb=$(find "$repo/build/pkg" -maxdepth 1 -name '*.deb' -printf '%T@ %p\n' 2>/dev/null |
          sort -n | tail -n 1 | cut -d' ' -f2-)
    [[ -n $deb ]] || die 2 "no build/pkg/*.deb: build the package first (docs/packaging.md) or name one"
fi
[[ -f $deb ]] || die 2 "$deb: no such file"
deb=$(realpath "$deb")
if ((EUID != 0)); then
    usage >&2
    die 2 "needs root (debootstrap, mount, chroot): run it with sudo"
fi

# Once, re-run inside a private mount namespace: mounts made below cannot leak into the host's
# table, not even if this script is killed before its trap runs.
if [[ -z ${SMOLIFY_DEBOOTSTRAP_NS:-} ]] && command -v unshare >/dev/null &&
    unshare --mount --propagation private true 2>/dev/null; then
    SMOLIFY_DEBOOTSTRAP_NS=1 exec unshare --mount --propagation private "$BASH" "${BASH_SOURCE[0]}" "${args[@]}"
fi

export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
if ! command -v debootstrap >/dev/null; then
    echo "debootstrap-test: installing debootstrap"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends debootstrap debian-archive-keyring
fi
[[ -f $keyring ]] || die 2 "$keyring is missing (package debian-archive-keyring)"

work=$(mktemp -d "${TMPDIR:-/var/tmp}/smolify-debootstrap.XXXXXX")
root=$work/root

# Everything mounted at or below $1, deepest first (/proc/self/mounts writes a space as \040).
mounts_under() {
    local dir
    dir=$(realpath -m "$1")
    awk -v d="$dir" '{ gsub(/\\040/, " ", $2) } $2 == d || index($2, d "/") == 1 { print $2 }' \
        /proc/self/mounts | sort -r
}
unmount_under() {
    local m
    while IFS= read -r m; do
        [[ -n $m ]] || continue
        umount "$m" 2>/dev/null || umount -l "$m" || echo "debootstrap-test: cannot unmount $m" >&2
    done < <(mounts_under "$1")
}
cleanup() {
    local rc=$?
    set +e
    unmount_under "$work"
    [[ -n $cache ]] && unmount_under "$cache"
    if [[ -n $(mounts_under "$work") ]]; then
        echo "debootstrap-test: still mounted below $work; left in place" >&2
    elif ((keep)); then
        echo "debootstrap-test: the root is kept in $root"
    else
        rm -rf --one-file-system "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

bootstrap() {  # DIR
    echo "debootstrap-test: debootstrap --variant=minbase $suite $1 $mirror"
    local t0=$SECONDS
    if ! debootstrap --variant=minbase --keyring="$keyring" "$suite" "$1" "$mirror" >"$work/debootstrap.log" 2>&1; then
        tail -n 30 "$work/debootstrap.log" >&2
        die 2 "debootstrap failed (log above)"
    fi
    echo "debootstrap-test: root made in $((SECONDS - t0)) s"
}

if [[ -n $cache ]]; then
    mkdir -p "$cache"
    cache=$(realpath "$cache")
    if [[ ! -f $cache/root/.smolify-pristine ]]; then
        rm -rf --one-file-system "$cache/root.partial" "$cache/root"
        bootstrap "$cache/root.partial"
        unmount_under "$cache/root.partial"
        date -u +%FT%TZ >"$cache/root.partial/.smolify-pristine"
        mv "$cache/root.partial" "$cache/root"
    fi
    echo "debootstrap-test: copying the cached root made $(cat "$cache/root/.smolify-pristine")"
    cp -a "$cache/root" "$root"
else
    bootstrap "$root"
fi

# The root as a Debian 12 machine has it: the release, its updates and its security archive; DNS
# from the host; no service started by a maintainer script.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

mount -t proc proc "$root/proc"
mount -t sysfs -o ro sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"  # an unmount below it must never reach the host's /dev/pts

env_base=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8)
as_root() { chroot "$root" /usr/bin/env -i "${env_base[@]}" HOME=/root DEBIAN_FRONTEND=noninteractive "$@"; }
as_user() {
    chroot --userspec=nobody:nogroup "$root" /usr/bin/env -i "${env_base[@]}" HOME=/tmp/home \
        XDG_RUNTIME_DIR=/tmp/runtime QT_QPA_PLATFORM=offscreen "$@"
}

echo "debootstrap-test: $(basename "$deb") ($(du -h "$deb" | cut -f1)) into Debian $(cat "$root/etc/debian_version")"
echo "debootstrap-test: Depends: $(dpkg-deb -f "$deb" Depends)"
install -m 644 "$deb" "$root/tmp/"
before=$(as_root dpkg-query -W -f='${Package}\n' | wc -l)
as_root apt-get update -qq || die 1 "apt-get update failed inside the root"
if ! as_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >"$work/install.log" 2>&1; then
    tail -n 40 "$work/install.log"
    die 1 "apt-get install of the package failed inside the root (above)"
fi
grep -E "newly installed|^Setting up smolify" "$work/install.log" || true
after=$(as_root dpkg-query -W -f='${Package}\n' | wc -l)
version=$(as_root dpkg-query -W -f='${Version}' smolify) || die 1 "no package smolify is installed: is $deb Smolify's?"
echo "debootstrap-test: installed smolify $version; $((after - before)) packages added to the $before of minbase"
as_root install -d -o nobody -g nogroup -m 700 /tmp/home /tmp/runtime

passed=0 failed=0
# check NAME EXPECT COMMAND...: runs COMMAND in the root as nobody; passes when it exits 0 and its
# output matches the extended regular expression EXPECT.
check() {
    local name=$1 expect=$2 out rc=0
    shift 2
    out=$(as_user "$@" 2>&1) || rc=$?
    if ((rc == 0)) && grep -Eq -- "$expect" <<<"$out"; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name (exit status $rc; expected output matching /$expect/)"
        failed=$((failed + 1))
    fi
    sed -n '1,12s/^/    | /p' <<<"$out"
}

upstream=${version%%-*}
check "ldd: every library found" "libraries resolved" sh -c '
    out=$(ldd /usr/bin/smolify /usr/bin/smolify-cli) || exit 1
    if echo "$out" | grep "not found"; then exit 1; fi
    echo "$(echo "$out" | grep -c " => /") libraries resolved for the two programs, none missing"'
check "smolify --version" "^Smolify $upstream\$" smolify --version
check "smolify-cli --help" "^Usage: smolify-cli COMMAND" smolify-cli --help
check "smolify-cli --version" "^smolify-cli $upstream\$" smolify-cli --version
check "smolify-cli init + info" "^Intent +Sort IT tickets by urgency" sh -c \
    'cd /tmp/home && smolify-cli init t.smolify --intent "Sort IT tickets by urgency" >/dev/null && smolify-cli info t.smolify'
check "smolify opens the project's window" "^wrote shot.png" sh -c '
    cd /tmp/home && timeout 120 smolify --screenshot shot.png --page data t.smolify &&
    [ -s shot.png ] && echo "wrote shot.png, the Data page at $(wc -c <shot.png) bytes"'
check "installed files in place" "^ok\$" sh -c '
    for f in /usr/share/applications/io.smolify.Smolify.desktop \
             /usr/share/metainfo/io.smolify.Smolify.metainfo.xml \
             /usr/share/mime/packages/io.smolify.Smolify.xml \
             /usr/share/icons/hicolor/scalable/apps/io.smolify.Smolify.svg \
             /usr/share/smolify/examples/soap-notes/spec.json \
             /usr/share/doc/smolify/copyright /usr/share/doc/smolify/changelog.gz; do
        [ -f "$f" ] || { echo "missing $f"; exit 1; }
    done; echo ok'

echo "debootstrap-test: $passed passed, $failed failed: $(basename "$deb") in a clean Debian $(cat "$root/etc/debian_version") ($suite, minbase) root"
((failed == 0)) || exit 1
