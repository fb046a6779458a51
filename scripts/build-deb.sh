#!/usr/bin/env bash
# build-deb.sh: relais_<version>_<arch>.deb (and relais-dbgsym_<version>_<arch>.deb) from the
# release binaries, the generated man pages and completions, and packaging/deb/. `make deb` runs
# it after `make release man completions`; plain dpkg-deb, no debhelper.
#
#   /usr/bin/relaisctl, /usr/sbin/relaisd          stripped; DWARF in relais-dbgsym (.build-id)
#   /usr/share/relais/templates                     the shipped templates
#   /usr/share/relais/relais.example.yaml           the annotated example, every path installed
#   /etc/relais/relais.yaml                         conffile: the example with the sender to fill in
#   /usr/lib/systemd/system/relaisd.service         ExecStart=/usr/sbin/relaisd
#   /usr/lib/sysusers.d/relais.conf, /usr/lib/tmpfiles.d/relais.conf
#   /usr/share/man/man{1,5,8}/*.gz, completions for bash, zsh and fish
#   /usr/share/doc/relais/{copyright,changelog.Debian.gz}, /usr/share/lintian/overrides/relais
#
# Usage: scripts/build-deb.sh [OUTDIR]   (default .build/deb; prints the .deb's path last)
# Environment: RELEASE_DIR (.build/release), GENERATED (.build/share), DEB_ARCH (dpkg's),
# DEB_COMPRESS (dpkg-deb's compression options, default -Zxz; -Zgzip -z1 is much faster to build).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${1:-.build/deb}
release=${RELEASE_DIR:-.build/release}
generated=${GENERATED:-.build/share}
packaging=packaging/deb
arch=${DEB_ARCH:-$(dpkg --print-architecture)}

fail() { echo "build-deb: $*" >&2; exit 1; }
for file in "$release/relaisd" "$release/relaisctl" "$generated/man/relaisctl.1" "$generated/man/relaisd.8" \
    "$generated/man/relais.yaml.5" "$generated/completions/bash/relaisctl"; do
    [ -e "$file" ] || fail "$file is missing: run make release man completions (or make deb)"
done

# The version: RelaisVersion.current, and the Debian revision from packaging/deb/changelog.
upstream=$("$release/relaisctl" --version | tr -d '[:space:]')
version=$(dpkg-parsechangelog -l "$packaging/changelog" -S Version)
[ "${version%-*}" = "$upstream" ] || fail "packaging/deb/changelog is at $version but relaisctl --version says $upstream: add a changelog entry"
maintainer=$(dpkg-parsechangelog -l "$packaging/changelog" -S Maintainer)
# Reproducible: every file dated from the changelog entry (dpkg-deb clamps to it).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(dpkg-parsechangelog -l "$packaging/changelog" -S Timestamp)}

umask 022
name="relais_${version}_${arch}"
stage="$out/$name"
debug="$out/relais-dbgsym_${version}_${arch}"
rm -rf "$stage" "$debug"
mkdir -p "$out"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/sbin" "$stage/usr/share/relais" "$stage/etc/relais" \
    "$stage/usr/lib/systemd/system" "$stage/usr/lib/sysusers.d" "$stage/usr/lib/tmpfiles.d" \
    "$stage/usr/share/man/man1" "$stage/usr/share/man/man5" "$stage/usr/share/man/man8" \
    "$stage/usr/share/bash-completion/completions" "$stage/usr/share/zsh/vendor-completions" \
    "$stage/usr/share/fish/vendor_completions.d" "$stage/usr/share/doc/relais" "$stage/usr/share/lintian/overrides" \
    "$debug/DEBIAN"

# Binaries: the DWARF goes to relais-dbgsym under /usr/lib/debug/.build-id, as dh_strip does;
# the installed files keep only what runs (the Swift metadata sections are not debug sections).
build_ids=()
strip_into() { # binary destination
    local binary=$1 destination=$2 id
    id=$(readelf -n "$binary" | sed -n 's/^ *Build ID: *\([0-9a-f]*\)$/\1/p' | head -1)
    [ -n "$id" ] || fail "$binary has no build id"
    install -d "$debug/usr/lib/debug/.build-id/${id:0:2}"
    objcopy --only-keep-debug --compress-debug-sections "$binary" "$debug/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug"
    chmod 0644 "$debug/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug"
    strip --remove-section=.comment --remove-section=.note --strip-unneeded -o "$destination" "$binary"
    chmod 0755 "$destination"
    build_ids+=("$id")
}
strip_into "$release/relaisctl" "$stage/usr/bin/relaisctl"
strip_into "$release/relaisd" "$stage/usr/sbin/relaisd"

# Templates and configuration. The example names the installed paths; the conffile is the
# example with the association's sender left empty, so `relaisctl config check` says what to fill in.
cp -R templates "$stage/usr/share/relais/templates"
chmod -R u=rwX,go=rX "$stage/usr/share/relais/templates"
installed_paths='s|/usr/local/bin/relaisd|/usr/sbin/relaisd|g; s|/usr/local/share/relais/|/usr/share/relais/|g'
sed "$installed_paths" config/relais.example.yaml > "$stage/usr/share/relais/relais.example.yaml"
{
    printf '%s\n' \
        "# Installed by the relais package. Fill in sender.from and sender.organization below, then" \
        "# check with \`relaisctl config check\` and start with \`systemctl enable --now relaisd\`." \
        "# The annotated example is /usr/share/relais/relais.example.yaml; every key: man 5 relais.yaml." \
        "#"
    sed -e "$installed_paths" -e 's/mompreneurs\.example/example.org/g' -e 's/Mompreneurs Belgique/Your association/g' \
        -e 's|^  from: .*|  from: ""            # FILL IN the From: mailbox, e.g. Your association <news@example.org>|' \
        -e 's|^  reply_to: .*|  # reply_to: coordination@example.org   # optional|' \
        -e 's|^  organization: .*|  organization: ""    # FILL IN the name shown in messages, e.g. Your association|' \
        config/relais.example.yaml
} > "$stage/etc/relais/relais.yaml"
grep -q '^  from: ""' "$stage/etc/relais/relais.yaml" && grep -q '^  organization: ""' "$stage/etc/relais/relais.yaml" \
    || fail "config/relais.example.yaml changed shape: the sender lines of the conffile were not blanked"
echo "/etc/relais/relais.yaml" > "$stage/DEBIAN/conffiles"

# systemd: the unit (relaisd in /usr/sbin), the user, the state directory.
sed 's|/usr/local/bin/relaisd|/usr/sbin/relaisd|g' systemd/relaisd.service > "$stage/usr/lib/systemd/system/relaisd.service"
grep -q '^ExecStart=/usr/sbin/relaisd ' "$stage/usr/lib/systemd/system/relaisd.service" || fail "ExecStart= was not rewritten"
install -m 0644 systemd/relais.sysusers.conf "$stage/usr/lib/sysusers.d/relais.conf"
install -m 0644 systemd/relais.tmpfiles.conf "$stage/usr/lib/tmpfiles.d/relais.conf"
chmod 0644 "$stage/usr/lib/systemd/system/relaisd.service" "$stage"/usr/share/relais/relais.example.yaml "$stage/etc/relais/relais.yaml"

# Man pages (gzip -9n: no name or date in the header) and completions.
for page in relaisctl.1 relais.yaml.5 relaisd.8; do
    gzip -9nc "$generated/man/$page" > "$stage/usr/share/man/man${page##*.}/$page.gz"
done
for binary in relaisctl relaisd; do
    install -m 0644 "$generated/completions/bash/$binary" "$stage/usr/share/bash-completion/completions/$binary"
    install -m 0644 "$generated/completions/zsh/_$binary" "$stage/usr/share/zsh/vendor-completions/_$binary"
    install -m 0644 "$generated/completions/fish/$binary.fish" "$stage/usr/share/fish/vendor_completions.d/$binary.fish"
done

# Documentation: the changelog, the machine-readable copyright with every statically linked package.
gzip -9nc "$packaging/changelog" > "$stage/usr/share/doc/relais/changelog.Debian.gz"
gzip -9nc README.md > "$stage/usr/share/doc/relais/README.md.gz"
{
    cat "$packaging/copyright.head"
    apache=0
    for checkout in .build/checkouts/*/; do
        package=$(basename "$checkout")
        license=$(ls "$checkout" | grep -i -E '^(license|copying)' | head -1 || true)
        [ -n "$license" ] || continue
        printf '\nFiles: .build/checkouts/%s/*\nCopyright: the %s authors (see its LICENSE and NOTICE files)\n' "$package" "$package"
        if grep -q 'Apache License' "$checkout$license" && grep -q 'Version 2.0' "$checkout$license"; then
            printf 'License: Apache-2.0\n'
            apache=1
        else
            printf 'License: %s-license\n' "$package"
            sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$checkout$license"
        fi
    done
    if [ "$apache" = 1 ]; then
        printf '\nLicense: Apache-2.0\n On Debian systems, the complete text of the Apache License 2.0 is in\n /usr/share/common-licenses/Apache-2.0.\n'
    fi
} > "$stage/usr/share/doc/relais/copyright"
install -m 0644 "$packaging/lintian-overrides" "$stage/usr/share/lintian/overrides/relais"
install -d "$debug/usr/share/doc"
ln -s relais "$debug/usr/share/doc/relais-dbgsym"

# Maintainer scripts, Depends from the binaries' libraries, md5sums, Installed-Size.
install -m 0755 "$packaging/postinst" "$packaging/prerm" "$packaging/postrm" "$stage/DEBIAN/"
# dpkg-shlibdeps wants a debian/control to read; a minimal one in a scratch folder is enough.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/debian"
printf 'Source: relais\n\nPackage: relais\nArchitecture: any\n' > "$scratch/debian/control"
ln -s "$(cd "$stage" && pwd)" "$scratch/debian/relais"
shlibs=$(cd "$scratch" && dpkg-shlibdeps -O --ignore-missing-info -e debian/relais/usr/bin/relaisctl -e debian/relais/usr/sbin/relaisd \
    2> >(grep -v "should already be installed in their package" >&2) | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || fail "dpkg-shlibdeps found no libraries"
md5sums() { (cd "$1" && find . -type f ! -path './DEBIAN/*' -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' md5sum) > "$1/DEBIAN/md5sums"; }
# dpkg-gencontrol's rule: each file in whole KiB, rounded up, and one per directory or link.
installed_size() { find "$1" -path "$1/DEBIAN" -prune -o -mindepth 1 -printf '%y %s\n' \
    | awk '{ total += ($1 == "f") ? int(($2 + 1023) / 1024) : 1 } END { print total }'; }
control() { # template stage
    sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" -e "s|@DEPENDS@|$shlibs|" \
        -e "s|@INSTALLED_SIZE@|$(installed_size "$2")|" -e "s|@BUILD_IDS@|${build_ids[*]}|" "$packaging/$1" > "$2/DEBIAN/control"
}
md5sums "$stage"
md5sums "$debug"
control control.in "$stage"
control control-dbgsym.in "$debug"

compress=${DEB_COMPRESS:--Zxz}
dpkg-deb --root-owner-group $compress --build "$stage" "$out/$name.deb" >&2
dpkg-deb --root-owner-group $compress --build "$debug" "$out/relais-dbgsym_${version}_${arch}.deb" >&2
echo "$out/$name.deb"
