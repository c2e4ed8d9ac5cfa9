#!/usr/bin/env bash
# Builds the sandbox image without any container registry:
#   1. debootstrap a minimal Debian root with python3,
#   2. unpack a NumPy wheel (fetched on the host with `pip download`) into it,
#   3. `docker import` the result as one image.
# Nothing here runs a container, so no build step needs the network from inside one.
# Usage: build-offline.sh IMAGE_TAG NUMPY_VERSION WORK_DIR
set -euo pipefail

image_tag=$1
numpy_version=$2
work_dir=$3
suite=${NUMJUDGE_DEBIAN_SUITE:-bookworm}
mirror=${NUMJUDGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
python_minor=3.11

root="$work_dir/rootfs"
wheels="$work_dir/wheels"
mkdir -p "$work_dir" "$wheels"

if [[ ! -x "$root/usr/bin/python3" ]]; then
  rm -rf "$root"
  echo "sandbox image: debootstrap $suite (python3 only) into $root"
  debootstrap --variant=minbase --include=python3 "$suite" "$root" "$mirror" \
    >"$work_dir/debootstrap.log" 2>&1 || {
      echo "sandbox image: debootstrap failed; see $work_dir/debootstrap.log" >&2
      exit 1
    }
fi

echo "sandbox image: numpy $numpy_version wheel for CPython $python_minor"
python3 -m pip download --quiet --no-deps --only-binary=:all: \
  --python-version "$python_minor" --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux2014_x86_64 \
  --platform manylinux_2_17_x86_64 \
  -d "$wheels" "numpy==$numpy_version"
wheel=$(ls "$wheels"/numpy-"$numpy_version"-*.whl | head -n 1)

site="$root/usr/local/lib/python$python_minor/dist-packages"
rm -rf "$site"/numpy "$site"/numpy.libs "$site"/numpy-*.dist-info
mkdir -p "$site"
python3 -m zipfile -e "$wheel" "$site"
# The sandbox's root is read-only, so Python could never cache bytecode there: compile it
# now, with the image's own interpreter (chroot runs no container and needs no network).
chroot "$root" /usr/bin/python3 -m compileall -q -j 0 "/usr/local/lib/python$python_minor/dist-packages" >/dev/null

# The image holds Python and NumPy only: drop the package manager's caches and
# docs, which a sandbox never needs.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/locale

echo "sandbox image: docker import as $image_tag"
tar --numeric-owner -C "$root" -c . | docker import \
  --change 'USER 65534:65534' \
  --change 'WORKDIR /tmp' \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'ENV OPENBLAS_NUM_THREADS=1' \
  --change 'ENV OMP_NUM_THREADS=1' \
  --change 'CMD ["python3"]' \
  --message "numjudge sandbox: Debian $suite, python3, numpy $numpy_version" \
  - "$image_tag" >/dev/null
echo "sandbox image: built $image_tag"
