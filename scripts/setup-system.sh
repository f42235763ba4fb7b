#!/usr/bin/env bash
# Installs the system packages Folio needs on a Debian machine, only those that are missing:
# Chromium (full and the headless shell) for PDFs, poppler-utils for tests that read PDFs,
# JUnit 5 for the rule plugin's tests, Noto fonts so no script renders as boxes, openssl for the
# throwaway certificates of tests that speak TLS.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromium-headless-shell >/dev/null 2>&1 || need+=(chromium-headless-shell)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/java/junit-platform-console-standalone.jar ] || need+=(junit5)
[ -f /usr/share/java/jackson-databind.jar ] || need+=(libjackson2-databind-java)
command -v javac >/dev/null 2>&1 || need+=(default-jdk-headless)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup-system: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
