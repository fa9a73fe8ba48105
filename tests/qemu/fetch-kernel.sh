#!/bin/sh
# Downloads Debian's i386 HIGHMEM kernel (686-pae) and its build headers into a
# cache and makes the headers usable from there; it installs nothing into /.
# Prints the prepared kernel directory on stdout; exits 2 when it cannot.
#
# usage: fetch-kernel.sh CACHE_DIR
# The cache holds the kernel ABI (6.1.0-NN) that linux-image-686-pae:i386 points at:
#   CACHE/6.1.0-NN/root/        the packages' contents (dpkg -x), less lib/modules
#   CACHE/6.1.0-NN/vmlinuz      symlink to root/boot/vmlinuz-*
#   CACHE/6.1.0-NN/ready        written last: the directory is complete
# Offline, or when the download fails, the newest complete cached kernel is used.
set -eu

cache=${1:?usage: fetch-kernel.sh CACHE_DIR}
flavour=686-pae
meta=linux-image-$flavour:i386

say() { echo "fetch-kernel: $*" >&2; }
skip() { say "SKIP: $*"; exit 2; }

# Which ABI the metapackage points at now; apt needs the i386 architecture
# and a package list that includes it.
abi_from_apt() {
	apt-cache depends "$meta" 2>/dev/null |
		sed -n "s/^ *Depends: linux-image-\(6\.[0-9.]*-[0-9]*\)-$flavour.*/\1/p" | head -n 1
}

# The newest complete kernel in the cache, if any.
cached_abi() {
	ls -1 "$cache" 2>/dev/null | sort -V | while read -r d; do
		[ -f "$cache/$d/ready" ] && echo "$d"
	done | tail -n 1
}

abi=$(abi_from_apt)
if [ -z "$abi" ] && [ "$(id -u)" = 0 ]; then
	if ! dpkg --print-foreign-architectures | grep -qx i386; then
		say "adding the i386 architecture to dpkg"
		dpkg --add-architecture i386
	fi
	say "apt-get update (for the i386 package lists)"
	# A mirror that is mid-sync fails one index; the others are still usable.
	apt-get update -qq >/dev/null 2>&1 || true
	abi=$(abi_from_apt)
fi
if [ -z "$abi" ]; then
	# Offline or not root: a complete cached kernel is still good enough.
	abi=$(cached_abi)
	[ -n "$abi" ] || skip "apt knows no $meta and nothing is cached in $cache (need root for dpkg --add-architecture i386 and apt-get update)"
	say "apt does not answer; using the cached kernel $abi"
fi

dir=$cache/$abi
kdir=$dir/root/usr/src/linux-headers-$abi-$flavour
if [ -f "$dir/ready" ]; then
	echo "$kdir"
	exit 0
fi

command -v dpkg-deb >/dev/null || skip "dpkg-deb not found"
rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/root"
say "downloading linux $abi-$flavour (i386) into $dir"
pkgs="linux-image-$abi-$flavour-unsigned:i386 linux-headers-$abi-$flavour:i386
      linux-headers-$abi-common linux-kbuild-${abi%%.0-*}:i386"
# shellcheck disable=SC2086
if ! (cd "$dir/debs" && apt-get download -q $pkgs >/dev/null 2>"$cache/download.log"); then
	rm -rf "$dir"
	old=$(cached_abi)
	[ -n "$old" ] || skip "apt-get download failed (see $cache/download.log)"
	say "apt-get download failed (see $cache/download.log); using the cached kernel $old"
	echo "$cache/$old/root/usr/src/linux-headers-$old-$flavour"
	exit 0
fi
for deb in "$dir"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir/root"
done
# Only vmlinuz and the build files are used: the modules and the packages are most of the size.
rm -rf "$dir/root/lib/modules" "$dir/debs"

# The flavour's Makefile includes the common headers by their installed
# absolute path; point it at the cache instead.
mk=$kdir/Makefile
[ -f "$mk" ] || skip "no $mk in the downloaded headers"
sed -i "s|/usr/src/linux-headers-$abi-common|$dir/root/usr/src/linux-headers-$abi-common|g" "$mk"
# Symlinks that point at absolute paths would leave the cache: repoint them into it.
find "$dir/root/usr" -type l | while read -r l; do
	t=$(readlink "$l")
	case $t in
	/*) ln -sfn "$dir/root$t" "$l" ;;
	esac
done

vmlinuz=$(ls "$dir"/root/boot/vmlinuz-* 2>/dev/null | head -n 1)
[ -n "$vmlinuz" ] || skip "no vmlinuz in the image package"
ln -sfn "${vmlinuz#"$dir"/}" "$dir/vmlinuz"
echo "$abi" >"$dir/ready"
# Older kernels are superseded by this one.
for d in "$cache"/*/; do
	d=${d%/}
	[ "$d" = "$dir" ] || [ ! -f "$d/ready" ] || rm -rf "$d"
done
say "ready: $kdir"
echo "$kdir"
