#!/usr/bin/env bash
# The container image (Dockerfile, issue #19.6) built and smoke-tested with buildah: no image
# registry is reachable in CI, so the base is Debian 12 made with debootstrap (cached in
# target/container/), and the custody binary given (built on Debian 12) goes in prebuilt/ in
# place of the build stage's compile. The image must run custody as the non-root user
# `custody` (uid 10001), with the binary not writable by it, CA certificates present, the
# entry point `custody`; inside it, keygen, seal and verify work, and the bundle sealed in the
# image verifies INTACT outside it with the binary given.
#
#   tests/container.sh target/release/custody
#
# Needs root, buildah and debootstrap (Debian: apt-get install buildah debootstrap; .ci/run
# installs them) and access to deb.debian.org. Exit 0 passed, 1 failed, 2 cannot run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: tests/container.sh CUSTODY_BINARY}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in buildah debootstrap; do
  command -v "$tool" >/dev/null || { echo "tests/container.sh: needs $tool (apt-get install buildah debootstrap)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "tests/container.sh: needs root (buildah with chroot isolation)" >&2; exit 2; }
# vfs and chroot: no overlay or user namespaces are needed, so this runs inside a container too.
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot
cache=$root/target/container
base=localhost/custody-base:bookworm
image=localhost/custody:ci-test
mkdir -p "$cache"
ctr=""
cleanup() {
  [ -z "$ctr" ] || buildah rm "$ctr" >/dev/null 2>&1 || true
  buildah rmi "$image" >/dev/null 2>&1 || true
  rm -rf "$root/prebuilt"
}
trap cleanup EXIT
fail() { echo "tests/container.sh: FAILED: $*" >&2; exit 1; }

if ! buildah inspect --type image "$base" >/dev/null 2>&1; then
  if [ ! -s "$cache/bookworm-minbase.tar" ]; then
    echo "== debootstrap: Debian 12 minbase (once; cached in $cache)"
    rm -rf "$cache/rootfs"
    debootstrap --variant=minbase bookworm "$cache/rootfs" http://deb.debian.org/debian >"$cache/debootstrap.log" 2>&1 \
      || { tail -20 "$cache/debootstrap.log" >&2; echo "tests/container.sh: debootstrap failed" >&2; exit 2; }
    tar -C "$cache/rootfs" -cf "$cache/bookworm-minbase.tar.part" . && mv "$cache/bookworm-minbase.tar.part" "$cache/bookworm-minbase.tar"
    rm -rf "$cache/rootfs"
  fi
  ctr=$(buildah from scratch)
  tar -C "$(buildah mount "$ctr")" -xf "$cache/bookworm-minbase.tar"
  buildah umount "$ctr" >/dev/null
  buildah commit --quiet --rm "$ctr" "$base" >/dev/null
  ctr=""
fi

echo "== buildah bud -f Dockerfile (BUILDER=BASE=$base, prebuilt binary)"
mkdir -p "$root/prebuilt" && cp "$bin" "$root/prebuilt/custody"
buildah bud --quiet --layers=false --build-arg "BUILDER=$base" --build-arg "BASE=$base" -f "$root/Dockerfile" -t "$image" "$root" >/dev/null
rm -rf "$root/prebuilt"

config() { buildah inspect --type image --format "$1" "$image"; }
[ "$(config '{{.OCIv1.Config.User}}')" = custody ] || fail "the image does not run as the user custody: '$(config '{{.OCIv1.Config.User}}')'"
[ "$(config '{{.OCIv1.Config.Entrypoint}}')" = "[custody]" ] || fail "entry point is $(config '{{.OCIv1.Config.Entrypoint}}'), not custody"

ctr=$(buildah from --quiet "$image")
run() { buildah run --user custody --workingdir /home/custody "$ctr" -- "$@"; }
[ "$(run id -u)" = 10001 ] || fail "the user custody is not uid 10001"
run custody --version | grep -q '^custody ' || fail "custody --version"
run sh -c 'test ! -w /usr/local/bin/custody' || fail "the user can overwrite the binary"
run test -s /etc/ssl/certs/ca-certificates.crt || fail "no CA certificates (https TSAs would fail)"
run custody keygen --out a.key --name "Container Test" --org CI --role investigator --jurisdiction DE >/dev/null
run sh -c 'printf "evidence captured in a container\n" > page.txt'
run custody seal --key a.key --case-ref CT-1 --out case.zip page.txt >/dev/null
run custody verify case.zip >/dev/null || fail "verify inside the image"
# The bundle sealed in the image, verified outside it.
mnt=$(buildah mount "$ctr")
cp "$mnt/home/custody/case.zip" "$cache/case.zip"
buildah umount "$ctr" >/dev/null
"$bin" verify "$cache/case.zip" >/dev/null || fail "the bundle sealed in the image does not verify outside it"
rm -f "$cache/case.zip"
echo "tests/container.sh: passed (the Dockerfile's image: non-root user custody, seal and verify inside, the bundle verified outside)"
