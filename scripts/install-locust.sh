#!/usr/bin/env bash
# CI setup for the end-to-end tests (run as root): installs Debian's python3-locust and writes the
# package's version into Locust's empty _version.py. Debian ships `version = ''`, with which a
# master refuses every worker as "pre 2.0"; the project itself never touches an installed Locust.
set -euo pipefail

if ! dpkg-query -W -f='${Status}' python3-locust 2>/dev/null | grep -q 'install ok installed'; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends python3-locust
fi

# 2.12.1-1 -> 2.12.1: the Debian revision is not part of Locust's version.
version=$(dpkg-query -W -f='${Version}' python3-locust)
version=${version%-*}
version=${version#*:}
file=$(dpkg -L python3-locust | grep '/locust/_version\.py$')
echo "version = '${version}'" >"$file"
echo "locust $version at $(command -v locust), version written to $file"
locust --version
