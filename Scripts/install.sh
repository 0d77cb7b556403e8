#!/usr/bin/env bash
# Builds qinssim and qinsasm in release mode with the Swift runtime linked statically and
# installs them in PREFIX/bin (default /usr/local): two files that run from any directory
# on a machine of this kind (Debian with libgmp), with no source tree, bundle or toolchain
# beside them. The programs of Programs/ and the chart library are compiled in.
#
#   Scripts/install.sh [PREFIX]        # e.g. Scripts/install.sh "$HOME/.local"
#
# Needs: apt-get install -y libgmp-dev (GMP is the one shared library the tools load).
set -euo pipefail
prefix="${1:-/usr/local}"
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product qinssim
swift build -c release --static-swift-stdlib --product qinsasm
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"
mkdir -p "$prefix/bin"
for tool in qinssim qinsasm; do
  # Copied to a temporary name and renamed, so a running copy is never overwritten in place.
  install -m 755 "$bin/$tool" "$prefix/bin/.$tool.installing"
  mv -f "$prefix/bin/.$tool.installing" "$prefix/bin/$tool"
done
"$prefix/bin/qinssim" --version
"$prefix/bin/qinsasm" --version
echo "installed in $prefix/bin"
