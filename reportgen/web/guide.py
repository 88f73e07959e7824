"""What the year page tells a clerk to do next, from the state of the year's inputs and runs: start the year, fill
in or fix one input, check what came from last year, make the documents, or take the results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """The next step: what to do, in a sentence, and where on the page (or which page) it is done."""

    text: str
    href: str | None = None
    action: str | None = None  # the button's words
    run: bool = False          # the button makes every document of the year (a form, not a link)


def _where(year: int, state) -> str:
    spec = state.spec
    if spec.settings_model is not None:
        return f"/tahun/{year}/isian/{spec.name}"
    return f"#masukan-{spec.name.replace('.', '-')}"


def next_step(year: int, states, job: dict | None, results: list, role: str | None, year_exists: bool,
              previous_exists: bool) -> Step:
    """Return the one next step for the year."""
    if not year_exists and previous_exists:
        return Step(f"Tahun {year} belum dimulai. Mulai dari masukan tahun {year - 1}: berkas yang berlanjut disalin, "
                    "lalu periksa yang disebutkan.", "#tahun-baru", "Mulai tahun baru")
    profile = next(s for s in states if s.spec.unit_level and s.spec.settings_model is not None)
    if not profile.present or profile.problems:
        if role != "pimpinan":
            return Step("Profil unit (nama unit, kop surat, pimpinan) belum lengkap. Minta akun pimpinan mengisinya: "
                        "nama unit dan pimpinan hanya dapat diisi pimpinan.")
        return Step("Isi profil unit lebih dulu: nama unit, kop surat dan pimpinan dipakai di setiap dokumen.",
                    _where(year, profile), "Isi profil unit")
    logo = next((s for s in states if s.spec.unit_level and s.spec.format == "png"), None)
    if logo is not None and logo.problems:
        return Step(f"Perbaiki {logo.spec.title.lower()}.", _where(year, logo), "Lihat masalahnya")
    broken = [s for s in states if s.present and s.problems]
    if broken:
        first = broken[0]
        return Step(f"Perbaiki {first.spec.title.lower()}: {len(first.problems)} masalah.", _where(year, first)
                    if first.spec.settings_model is not None else f"#masukan-{first.spec.name.replace('.', '-')}",
                    "Lihat masalahnya")
    missing = [s for s in states if not s.present and s.spec.required]
    if missing:
        first = missing[0]
        how = "isi formulirnya" if first.spec.settings_model is not None else \
            "unduh lembar kerja kosongnya, isi di Excel, lalu unggah"
        return Step(f"Isi {first.spec.title.lower()}: {how}.", _where(year, first), "Isi sekarang")
    carried = [s for s in states if s.carried]
    if carried:
        first = carried[0]
        return Step(f"{first.spec.title} masih sama dengan tahun lalu; periksa {first.spec.next_year}.",
                    _where(year, first), "Periksa")
    if job and job.get("status") == "berjalan":
        return Step("Dokumen sedang dibuat; halaman ini boleh ditutup.", "#proses")
    if not results:
        return Step("Semua masukan siap. Buat semua dokumen tahun ini.", "#proses", "Buat semua dokumen", run=True)
    return Step("Dokumen tahun ini sudah dibuat. Unduh hasilnya, atau buat lagi setelah masukan diubah.", "#hasil",
                "Lihat hasil")
