#!/usr/bin/env bash
# CI setup for the end-to-end tests: installs Debian's python3-locust, and python3-pip for the
# requirements test's init container (apt-get, as root), and writes the package's version into
# Locust's _version.py. Debian's 2.12.1 package ships
# `version = ''`, with which a master refuses every worker as "an old (pre 2.0) worker". This is
# machine setup: the project itself never changes an installed Locust.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if ! installed python3-locust || ! installed python3-pip; then
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-locust python3-pip
fi

# 2.12.1-1 -> 2.12.1: neither the Debian revision nor an epoch is part of Locust's version.
version=$(dpkg-query -W -f='${Version}' python3-locust)
version=${version%-*}
version=${version#*:}
file=$(dpkg -L python3-locust | grep '/locust/_version\.py$')
echo "version = '${version}'" | as_root tee "$file" >/dev/null
echo "$(command -v locust): $(locust --version 2>&1 | head -n 1)"
