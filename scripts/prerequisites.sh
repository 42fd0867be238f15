#!/usr/bin/env bash
# Installs what a fresh machine lacks for the full test suite, and nothing that is already there:
# Go (Debian golang-go), Jupyter (nbconvert + ipykernel), Chromium (browser checks of offline HTML),
# GNU time (benchmarks), AFL++ (fuzzing), the pinned dotnet tools (.config/dotnet-tools.json) and the .NET Jupyter kernel.
# Idempotent and quiet when everything is present. Needs root (or sudo) only when a Debian package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v go >/dev/null || missing+=(golang-go)
command -v jupyter-nbconvert >/dev/null || missing+=(jupyter-nbconvert python3-ipykernel python3-nbclient jupyter-client)
command -v chromium >/dev/null || missing+=(chromium)
[ -x /usr/bin/time ] || missing+=(time)
command -v afl-fuzz >/dev/null || missing+=(afl++)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "prerequisites: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet tool restore >/dev/null

# The Jupyter kernelspec runs `dotnet interactive`; make that resolvable from anywhere as a global tool.
if ! dotnet interactive --version >/dev/null 2>&1 || ! ls "$HOME/.dotnet/tools/dotnet-interactive" >/dev/null 2>&1; then
  version=$(python3 -c 'import json;print(json.load(open(".config/dotnet-tools.json"))["tools"]["microsoft.dotnet-interactive"]["version"])')
  dotnet tool install -g Microsoft.dotnet-interactive --version "$version" >/dev/null 2>&1 || dotnet tool update -g Microsoft.dotnet-interactive --version "$version" >/dev/null
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! jupyter kernelspec list 2>/dev/null | grep -q '\.net-csharp'; then
  dotnet interactive jupyter install >/dev/null
fi
