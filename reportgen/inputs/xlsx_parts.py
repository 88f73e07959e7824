# Relies on internals of openpyxl==3.1.5 (pinned in pyproject.toml).
# When upgrading, check: a worksheet of a workbook opened read-only still keeps the name of its part in the
# package as _worksheet_path. tests/test_hostile.py (case xlsx-formula-without-value) fails if not.
"""openpyxl's internals the table reader relies on, in one place: where a worksheet lies in its workbook's package."""

from __future__ import annotations


def sheet_part(worksheet) -> str | None:
    """Return the package part of a worksheet read by openpyxl in read-only mode (e.g. 'xl/worksheets/sheet1.xml'),
    or None when openpyxl does not say."""
    return getattr(worksheet, "_worksheet_path", None)
