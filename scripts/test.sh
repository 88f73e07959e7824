#!/usr/bin/env bash
# Run the whole test suite (the README's second command; .ci/run runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest -q "$@"
