"""Start a new year's inputs from the previous year's (`reportgen tahun-baru`): copy what carries over."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ProblemCollector, ReportgenError
from reportgen.inputs.year_texts import check_year_texts

# What carries over from one year to the next, and what each file still needs.
CARRY_OVER = {
    "keputusan-tim-rb.yaml": "tanggal, nomor (atau kode_klasifikasi), tentang dan menimbang untuk tahun baru",
    "tim-rb.xlsx": "susunan tim: pejabat yang pindah atau pensiun",
    "pegawai.xlsx": "daftar pegawai: ambil unduhan SIASN/SIMPEG terbaru",
    "pakta-integritas.yaml": "tanggal dan tempat penandatanganan pakta",
    "laporan.yaml": "tanggal, program prioritas dan tindak lanjut laporan capaian",
    "pencanangan-zi.yaml": "hanya bila ada pencanangan ulang",
}
# What never carries over: it describes one year only.
FRESH = {
    "rencana-aksi.xlsx": "rencana aksi tahun baru (kegiatan, jadwal, anggaran)",
    "rencana-aksi.yaml": "tanggal penandatanganan rencana aksi dan tanggal keadaan realisasi",
    "penilaian.xlsx": "hasil PMPRB tahun baru (nilai tahun lalu tetap dibaca dari berkas tahun lalu)",
    "lke-zi.xlsx": "LKE Zona Integritas tahun baru",
}


@dataclass(frozen=True)
class NewYear:
    """What starting the year did: the files copied, those to fill in fresh, and the warnings of the copies."""

    folder: Path
    copied: list[tuple[str, str]]   # (file, what to change in it)
    fresh: list[tuple[str, str]]    # (file, what it must hold), files the previous year had
    warnings: list


def start_year(root: Path, year: int, source: int | None = None) -> NewYear:
    """Create INPUTS/YEAR from INPUTS/SOURCE (the year before, by default); never overwrite a file."""
    root = Path(root)
    source = source or year - 1
    previous, target = root / str(source), root / str(year)
    if not previous.is_dir():
        raise ReportgenError(f"Folder tahun {source} tidak ada ({previous}). Untuk tahun pertama, buat folder "
                             f"{target} lalu isi berkasnya (contoh lengkap: folder inputs/2021 bawaan reportgen); "
                             "daftar pegawai kosong: reportgen templat-pegawai")
    clashes = [name for name in CARRY_OVER if (target / name).exists() and (previous / name).exists()]
    if clashes:
        raise ReportgenError(f"{target} sudah berisi {', '.join(clashes)}; tidak ada berkas yang ditimpa. "
                             "Hapus atau pindahkan dulu berkas itu bila memang ingin menyalin ulang.")
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for name, change in CARRY_OVER.items():
        if (previous / name).is_file():
            shutil.copy2(previous / name, target / name)
            copied.append((name, change))
    fresh = [(name, need) for name, need in FRESH.items() if (previous / name).is_file()]
    problems = ProblemCollector()
    check_year_texts(target, year, problems)
    return NewYear(target, copied, fresh, problems.warnings)
