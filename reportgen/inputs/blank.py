"""Make a blank spreadsheet input to fill in Excel, from its columns in the catalogue: the header row, one
example row, drop-down lists for fixed choices, NIP columns formatted as text, and a 'Petunjuk' sheet.

Returns the workbook's bytes; the face (command line or web page) writes or sends them.
"""

from __future__ import annotations

import io

from reportgen.inputs.catalogue import InputFile

FILL_ROWS = 500  # rows whose text cells are formatted and whose choices are offered in advance


def blank_workbook(file: InputFile) -> bytes:
    """Return a blank workbook of a spreadsheet input: its sheet to fill and a 'Petunjuk' sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    if not file.blank:
        raise ValueError(f"{file.name} has no columns to make a blank workbook from")
    wb = Workbook()
    ws = wb.active
    ws.title = file.sheet
    ws.append([c.header for c in file.columns])
    for cell, column in zip(ws[1], file.columns):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[cell.column_letter].width = column.width
    ws.freeze_panes = "A2"
    for index, column in enumerate(file.columns, start=1):
        letter = ws.cell(row=1, column=index).column_letter
        if column.text:  # Excel would otherwise keep only 15 of the 18 digits
            for row in range(2, FILL_ROWS + 2):
                ws.cell(row=row, column=index).number_format = "@"
        if column.choices:
            listed = ",".join(column.choices)
            check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, errorStyle="warning",
                                   showErrorMessage=True, errorTitle=column.header,
                                   error=f"Biasanya salah satu dari: {', '.join(column.choices)}",
                                   promptTitle=column.header, prompt=column.help[:255] if column.help else None,
                                   showInputMessage=bool(column.help))
            check.add(f"{letter}2:{letter}{FILL_ROWS + 1}")
            ws.add_data_validation(check)
    examples = file.example_rows() if file.example_rows else [tuple(c.example for c in file.columns)]
    for row, example in enumerate((e for e in examples if any(v is not None for v in e)), start=2):
        for index, value in enumerate(example, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            cell.font = Font(italic=True, color="808080")
    notes = wb.create_sheet("Petunjuk")
    notes.append([file.title])
    notes["A1"].font = Font(bold=True)
    notes.append([f"Isi lembar '{file.sheet}' mulai baris 2; baris huruf miring abu-abu berisi contoh: ganti atau "
                  "hapus baris itu."])
    notes.append([])
    notes.append(["Kolom", "Wajib", "Isi", "Pilihan", "Judul lain yang juga diterima"])
    for cell in notes[4]:
        cell.font = Font(bold=True)
    for column in file.columns:
        notes.append([column.header, "ya" if column.required else "tidak", column.help, ", ".join(column.choices),
                      column.aliases])
    if file.notes:
        notes.append([])
        for line in file.notes:
            notes.append([line])
    for col, width in zip("ABCDE", (20, 7, 70, 40, 60)):
        notes.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
