#!/usr/bin/env bash
# Packs GoMemLab (core, kernel extension, CLI tool) into artifacts/packages and registers that folder as a
# NuGet source for this user, so that any notebook host (Jupyter, VS Code Polyglot Notebooks, dotnet-repl)
# loads the extension with just:   #r "nuget:GoMemLab.Interactive,VERSION"
# Re-running it repacks the same version, so it also evicts that version from the NuGet package cache
# (hosts cache packages by id and version and would otherwise keep loading the old bits).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)
feed="$PWD/artifacts/packages"
mkdir -p "$feed"
dotnet pack GoMemLab.sln -c Release -o "$feed" -v q -nologo
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
for id in gomemlab.core gomemlab.interactive gomemlab; do rm -rf "$cache/$id/$version"; done
if ! dotnet nuget list source | grep -qF "$feed"; then
  dotnet nuget remove source gomemlab-local >/dev/null 2>&1 || true
  dotnet nuget add source "$feed" --name gomemlab-local >/dev/null
fi
echo "GoMemLab $version packed into $feed and registered as NuGet source 'gomemlab-local'."
echo "In a notebook:  #r \"nuget:GoMemLab.Interactive,$version\""
echo "CLI as a tool:  dotnet tool install -g gomemlab --version $version --add-source $feed"
