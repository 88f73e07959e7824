"""Start a new year's inputs from the previous year's (`reportgen tahun-baru`): copy what carries over.

What carries over, and what each file then needs, is the catalogue's (`InputFile.carries_over`, `next_year`).
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reportgen.errors import ProblemCollector, ReportgenError, mention, system_reason
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
        raise ReportgenError(mention(f"Folder tahun {source} tidak ada (", previous, "). Untuk tahun pertama, buat "
                                     "folder ", target, " lalu isi berkasnya (contoh lengkap: folder inputs/2021 "
                                     "bawaan reportgen); lembar kerja kosong: reportgen templat-kosong; daftar pegawai "
                                     "kosong: reportgen templat-pegawai"))
    clashes = [f.name for f in carried if (target / f.name).exists() and (previous / f.name).exists()]
    if clashes:
        raise ReportgenError(mention(target, f" sudah berisi {', '.join(clashes)}; tidak ada berkas yang ditimpa. "
                                     "Hapus atau pindahkan dulu berkas itu bila memang ingin menyalin ulang."))
    copied, made, current = [], [], None
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        for file in carried:
            if (previous / file.name).is_file():
                current = target / file.name
                _copy_new(previous / file.name, current)
                made.append(current)
                copied.append((file.name, file.next_year))
    except OSError as exc:  # nothing half done: what this run copied goes again, and a half copy
        for path in made + ([current] if current and not isinstance(exc, FileExistsError) else []):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                target.rmdir()
        if isinstance(exc, FileExistsError) and current is not None:
            raise ReportgenError(mention(current, " sudah ada (dibuat selagi menyalin); tidak ada berkas yang "
                                         "ditimpa dan tidak ada yang disalin")) from None
        raise ReportgenError(mention("Folder ", target, f" tidak dapat ditulis ({system_reason(exc)}); periksa izin "
                                     "aksesnya. Tidak ada berkas yang disalin")) from None
    fresh = [(f.name, f.next_year) for f in fresh_files if (previous / f.name).is_file()]
    problems = ProblemCollector()
    check_year_texts(target, year, problems)
    return NewYear(target, copied, fresh, problems.warnings)


def _copy_new(source: Path, target: Path) -> None:
    """Copy `source` to `target`, which must not exist: never over a file, even one made meanwhile."""
    with open(source, "rb") as reading, open(target, "xb") as writing:
        shutil.copyfileobj(reading, writing)
    shutil.copystat(source, target)
