#!/usr/bin/env bash
# Installs the Debian packages the browser tests use, when they are missing:
# chromium (driven by Playwright; Playwright never downloads a browser here) and
# poppler-utils (pdfinfo/pdftoppm, to count and look at printed pages).
set -euo pipefail

missing=()
# CHROMIUM_PATH points the tests at another Chromium-based browser (e.g. Chrome on a CI runner).
if [ -z "${CHROMIUM_PATH:-}" ] || [ ! -x "${CHROMIUM_PATH}" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install ${missing[*]} with your system's package manager (the browser tests need them)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing ${missing[*]} (Debian packages) for the browser tests…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
