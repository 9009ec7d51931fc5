#!/usr/bin/env bash
# CI setup for the Locust version matrix of the end-to-end tests: Debian roots with newer Locust
# than the machine's own, each run through a wrapper as a `locust` command of its own.
#
#   trixie: python3-locust 2.24.0
#   sid:    python3-locust 2.46.7 with the OpenTelemetry SDK and OTLP exporters (http and grpc)
#
# The roots come from the Debian mirror that apt's sources name, are built with debootstrap (as
# root), and are cached between runs in CDK8S_LOCUST_MATRIX_DIR (default /var/cache/cdk8s-locust):
# a complete root is reused as it is, an incomplete one is built again. The script writes, in
# "$CDK8S_LOCUST_MATRIX_DIR/bin":
#
#   python3-SUITE      python3 of the root, in a mount namespace of its own that sees the host's
#                      /tmp, /proc, /dev and this bin folder at the same paths; every step is an
#                      exec, so the pid stays that of Python and signals reach it
#   locust-VERSION     the root's `locust` script with python3-SUITE as its interpreter, so a local
#                      run finds the Python (for requirements) on its #! line, as in a virtualenv
#
# This is machine setup for the tests: nothing here is part of the package.
set -euo pipefail

cache=${CDK8S_LOCUST_MATRIX_DIR:-/var/cache/cdk8s-locust}
bin="$cache/bin"
otel_packages="python3-opentelemetry-sdk python3-opentelemetry-exporter-otlp-proto-http python3-opentelemetry-exporter-otlp-proto-grpc python3-opentelemetry-instrumentation-requests python3-opentelemetry-proto python3-grpcio"

if [ "$(id -u)" -ne 0 ]; then
  echo "install-locust-matrix: building Debian roots needs root (debootstrap, chroot, mount)" >&2
  exit 1
fi
for tool in debootstrap unshare chroot; do
  command -v "$tool" >/dev/null || { echo "install-locust-matrix: $tool is missing (apt-get install debootstrap util-linux coreutils)" >&2; exit 1; }
done

# The mirror of the machine's main Debian suite, as apt's sources configure it (not -security).
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Created-By: Packages' 2>/dev/null \
  | awk '$1 !~ /security/ && $2 !~ /-/ { print $1; exit }')
if [ -z "$mirror" ]; then
  echo "install-locust-matrix: no Debian mirror found in apt's sources (/etc/apt/sources.list, sources.list.d)" >&2
  exit 1
fi

# build SUITE PACKAGES: the root in "$cache/roots/SUITE", unless a complete one with these
# packages is there.
build() {
  local suite=$1 packages=$2
  local root="$cache/roots/$suite" marker=".cdk8s-locust-complete"
  if [ -f "$root/$marker" ] && [ "$(cat "$root/$marker")" = "$packages" ]; then
    echo "$suite: cached root $root"
    return
  fi
  local partial="$root.partial"
  rm -rf "$partial" "$root"
  mkdir -p "$cache/roots"
  echo "$suite: debootstrap from $mirror"
  debootstrap --variant=minbase "$suite" "$partial" "$mirror" >"$cache/roots/$suite.log" 2>&1 \
    || { tail -n 20 "$cache/roots/$suite.log" >&2; exit 1; }
  # sid's Release file on a snapshot mirror is past its Valid-Until.
  chroot "$partial" apt-get -o Acquire::Check-Valid-Until=false update >>"$cache/roots/$suite.log" 2>&1
  # shellcheck disable=SC2086
  chroot "$partial" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages \
    >>"$cache/roots/$suite.log" 2>&1 || { tail -n 20 "$cache/roots/$suite.log" >&2; exit 1; }
  chroot "$partial" apt-get clean
  mkdir -p "$partial$bin"
  echo "$packages" >"$partial/$marker"
  mv "$partial" "$root"
}

# version SUITE: Debian's package may leave Locust's version empty, with which a master refuses
# every worker as "an old (pre 2.0) worker"; the package's version goes in, under both names
# Locust's modules import.
version() {
  local root="$cache/roots/$1" version file
  version=$(chroot "$root" dpkg-query -W -f='${Version}' python3-locust)
  version=${version%-*}
  version=${version#*:}
  file=$(chroot "$root" dpkg -L python3-locust | grep '/locust/_version\.py$')
  echo "__version__ = version = '${version}'" >"$root$file"
}

# Debian's grpcio (1.51) predates the `_registered_method` keyword that the OpenTelemetry gRPC
# stubs pass to a channel (grpcio 1.63); the sid root drops it so its gRPC exporter can send.
# Test roots only: the locust-otel image ships a matching grpcio.
grpc_shim() {
  local root="$cache/roots/sid" site="/usr/lib/python3/dist-packages"
  cat >"$root$site/grpc_registered_method_shim.py" <<'PY'
"""Lets grpcio older than 1.63 accept the `_registered_method` keyword newer stubs pass."""
import functools
import inspect

try:
    from grpc import _channel
except Exception:  # grpc not importable: nothing to adapt
    _channel = None


def _dropping_registered_method(method):
    @functools.wraps(method)
    def call(self, *args, _registered_method=None, **kwargs):
        return method(self, *args, **kwargs)
    return call


if _channel is not None and "_registered_method" not in inspect.signature(_channel.Channel.unary_unary).parameters:
    for _name in ("unary_unary", "unary_stream", "stream_unary", "stream_stream"):
        setattr(_channel.Channel, _name, _dropping_registered_method(getattr(_channel.Channel, _name)))
PY
  echo "import grpc_registered_method_shim" >"$root$site/grpc_registered_method_shim.pth"
}

# wrappers SUITE: python3-SUITE and locust-VERSION in "$bin".
wrappers() {
  local suite=$1 root="$cache/roots/$1"
  mkdir -p "$bin"
  cat >"$bin/python3-$suite.partial" <<SH
#!/bin/sh
# python3 of the Debian $suite root $root, seeing the host's /tmp, /proc, /dev and $bin.
# The working directory is kept when the root sees it (under /tmp), else it is /.
exec unshare -m /bin/sh -c '
root=\$1; shift
for d in /tmp /proc /dev "$bin"; do mount --rbind "\$d" "\$root\$d" || exit 125; done
exec chroot "\$root" /bin/sh -c "cd \\"\\\$1\\" 2>/dev/null || cd /; shift; exec python3 \\"\\\$@\\"" sh "\$PWD" "\$@"
' sh "$root" "\$@"
SH
  chmod 755 "$bin/python3-$suite.partial"
  mv "$bin/python3-$suite.partial" "$bin/python3-$suite"
  local version
  version=$("$bin/python3-$suite" -c 'import locust; print(locust.__version__)')
  { echo "#!$bin/python3-$suite"; tail -n +2 "$root/usr/bin/locust"; } >"$bin/locust-$version.partial"
  chmod 755 "$bin/locust-$version.partial"
  mv "$bin/locust-$version.partial" "$bin/locust-$version"
  echo "$bin/locust-$version: $("$bin/locust-$version" --version 2>&1 | head -n 1)"
}

build trixie "python3-locust python3-pip"
build sid "python3-locust python3-pip $otel_packages"
version trixie
version sid
grpc_shim
wrappers trixie
wrappers sid
