#!/usr/bin/env bash
# Run the whole test suite (the README's second command; .ci/run runs it too): ruff and the import contract
# are tests too (tests/test_architecture.py). Two worker processes, one per core, each taking whole test files so
# module-wide fixtures are made once (REPORTGEN_TEST_WORKERS=0: one process).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest -q -n "${REPORTGEN_TEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
