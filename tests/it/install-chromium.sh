#!/usr/bin/env bash
# Installs Debian's Chromium for the web page's browser tests (tests/it/web_page.rs) when it is
# missing; the tests run this themselves, and .ci/run does too. With sudo only when not root.
set -euo pipefail
if command -v chromium >/dev/null; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends chromium
