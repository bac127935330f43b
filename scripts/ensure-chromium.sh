#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver when missing (browser tests and kaleido
# exports use /usr/bin/chromium). Never downloads a browser of its own.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Frontline needs Debian's chromium and chromium-driver for browser tests and exports." >&2
  echo "Install them as root: apt-get update && apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "Installing Debian chromium and chromium-driver (about a minute)..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
