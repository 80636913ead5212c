#!/usr/bin/env bash
# Creates .venv with the locked dependencies (uv.lock), installing uv itself into .cache first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
UV_VERSION=0.13.9
uv=.cache/uv/bin/uv
if ! [ -x "$uv" ] || ! "$uv" --version | grep -q "$UV_VERSION"; then
  python3 -m venv .cache/uv
  .cache/uv/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
"$uv" sync --frozen --quiet --python python3.11 "$@"
