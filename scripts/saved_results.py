"""Write into a workbook openpyxl saved the results Excel saves beside its formulas (openpyxl computes none), so
that the example worksheets read as a unit's file saved by Excel does. Used by the make_example_* scripts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook


def save_with_results(workbook: Workbook, path: Path, results: dict[str, dict[str, object]]) -> None:
    """Save `workbook` to `path`, then give each formula cell (results[sheet title][cell]) its saved result."""
    workbook.save(path)
    parts = {f"xl/worksheets/sheet{i}.xml": results.get(ws.title, {})
             for i, ws in enumerate(workbook.worksheets, start=1)}
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            cells = parts.get(info.filename)
            if cells:
                text = data.decode("utf-8")
                for ref, value in cells.items():
                    result = f"<v>{value}</v>"
                    kind = ' t="str"' if isinstance(value, str) else ""
                    text, count = re.subn(rf'<c r="{ref}"((?: [^>]*)?)><f>([^<]*)</f><v\s*/?>(?:</v>)?',
                                          rf'<c r="{ref}"\g<1>{kind}><f>\g<2></f>{result}', text)
                    if count != 1:
                        raise ValueError(f"{info.filename} {ref}: formula cell not found")
                data = text.encode("utf-8")
            zout.writestr(info, data)
