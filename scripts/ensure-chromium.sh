#!/usr/bin/env bash
# Install the Debian programs the tests and exports open files with, when missing:
# chromium and chromium-driver (browser tests and kaleido exports use /usr/bin/chromium;
# never a browser of Frontline's own) and LibreOffice Impress (the deck tests render the
# slides to check text sizes as a projector shows them). Nothing is downloaded at run time.
set -euo pipefail
missing=()
browser=()
office=()
[ -x /usr/bin/chromium ] || browser+=(chromium)
[ -x /usr/bin/chromedriver ] || browser+=(chromium-driver)
command -v soffice >/dev/null 2>&1 || office+=(libreoffice-impress)
missing=("${browser[@]}" "${office[@]}")
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Frontline's tests need Debian's ${missing[*]}." >&2
  echo "Install them as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian ${missing[*]} (a few minutes the first time)..."
apt-get update -qq
if [ ${#browser[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${browser[@]}" >/dev/null
fi
# Impress alone, without the suggested desktop integration: the tests only convert.
if [ ${#office[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${office[@]}" >/dev/null
fi
