"""Start a new year's inputs from the previous year's (`reportgen tahun-baru`): copy what carries over.

What carries over, and what each file then needs, is the catalogue's (`InputFile.carries_over`, `next_year`).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reportgen.errors import ProblemCollector, ReportgenError
from reportgen.inputs.catalogue import InputFile
from reportgen.inputs.year_texts import check_year_texts


@dataclass(frozen=True)
class NewYear:
    """What starting the year did: the files copied, those to fill in fresh, and the warnings of the copies."""

    folder: Path
    copied: list[tuple[str, str]]   # (file, what to change in it)
    fresh: list[tuple[str, str]]    # (file, what it must hold), files the previous year had
    warnings: list


def start_year(root: Path, year: int, files: Sequence[InputFile], source: int | None = None) -> NewYear:
    """Create INPUTS/YEAR from INPUTS/SOURCE (the year before, by default), copying the year's `files` that carry
    over; never overwrite a file."""
    root = Path(root)
    source = source or year - 1
    previous, target = root / str(source), root / str(year)
    carried = [f for f in files if not f.unit_level and f.carries_over]
    fresh_files = [f for f in files if not f.unit_level and not f.carries_over]
    if not previous.is_dir():
        raise ReportgenError(f"Folder tahun {source} tidak ada ({previous}). Untuk tahun pertama, buat folder "
                             f"{target} lalu isi berkasnya (contoh lengkap: folder inputs/2021 bawaan reportgen); "
                             "lembar kerja kosong: reportgen templat-kosong; daftar pegawai kosong: "
                             "reportgen templat-pegawai")
    clashes = [f.name for f in carried if (target / f.name).exists() and (previous / f.name).exists()]
    if clashes:
        raise ReportgenError(f"{target} sudah berisi {', '.join(clashes)}; tidak ada berkas yang ditimpa. "
                             "Hapus atau pindahkan dulu berkas itu bila memang ingin menyalin ulang.")
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for file in carried:
        if (previous / file.name).is_file():
            shutil.copy2(previous / file.name, target / file.name)
            copied.append((file.name, file.next_year))
    fresh = [(f.name, f.next_year) for f in fresh_files if (previous / f.name).is_file()]
    problems = ProblemCollector()
    check_year_texts(target, year, problems)
    return NewYear(target, copied, fresh, problems.warnings)
