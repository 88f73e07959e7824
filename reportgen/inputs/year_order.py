"""Check the order of a year's documents: the team's decree first (it tasks the team with the plan), then the plan,
its realization's cut-off, the report on that state; the Zona Integritas declaration once the team exists.

The dates are read from the year's settings files (keputusan-tim-rb.yaml, rencana-aksi.yaml, laporan.yaml,
pencanangan-zi.yaml), a run's own options taking the place of a file's date. Each date out of order is a warning
naming both documents, their files and dates; a file that does not read is its own loader's problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.conventions.dates import format_date
from reportgen.errors import InputError, Problem, mention
from reportgen.inputs.yaml_file import read_yaml_lines

DECREE = "keputusan"
PLAN = "rencana"
PER = "realisasi"
REPORT = "laporan"
CEREMONY = "pencanangan"
ZI_REPORT = "laporan-zi"


@dataclass(frozen=True)
class Dated:
    """One document's date and where it is written (the file and key; no file when a run's option gave it)."""

    name: str          # the document as a sentence names it, e.g. "Rencana Aksi"
    date: dt.date
    file: Path | None
    key: str           # the file's key; without a file, where the date came from ("opsi --tanggal")


# Which file and key hold each document's date, and how a sentence names it.
SOURCES = {
    DECREE: ("keputusan-tim-rb.yaml", "tanggal", "Keputusan Tim RB"),
    PLAN: ("rencana-aksi.yaml", "tanggal", "Rencana Aksi"),
    PER: ("rencana-aksi.yaml", "per", "keadaan realisasi rencana aksi"),
    REPORT: ("laporan.yaml", "tanggal", "Laporan Capaian RB"),
    CEREMONY: ("pencanangan-zi.yaml", "tanggal", "pencanangan Zona Integritas"),
}
# (earlier, later, why the later one comes after)
ORDER = (
    (DECREE, PLAN, "keputusan itu menugasi tim menyusun rencana aksi, jadi rencana aksi ditandatangani sesudahnya"),
    (PLAN, PER, "realisasi dilaporkan atas rencana aksi yang sudah ditandatangani"),
    (PER, REPORT, "laporan ditandatangani pada atau sesudah tanggal keadaan yang dilaporkannya"),
    (DECREE, CEREMONY, "pencanangan dilakukan setelah Tim RB dibentuk"),
    (CEREMONY, ZI_REPORT, "laporan penilaian mandiri menyebut pencanangan yang telah dilakukan"),
)


def _file_date(folder: Path, which: str) -> Dated | None:
    """Return the date a year's settings file writes for a document, or None (no file, no key, not a date)."""
    name, key, title = SOURCES[which]
    path = Path(folder) / name
    if not path.is_file():
        return None
    try:
        data, _ = read_yaml_lines(path)
    except InputError:
        return None
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, str):
        from reportgen.inputs.schemas.decree import parse_date  # "8 Maret 2021" as the decree file allows
        try:
            value = parse_date(value)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return Dated(title, value, path, key) if isinstance(value, dt.date) else None


def year_dates(folder: Path, year: int, given: dict[str, Dated | None] | None = None) -> dict[str, Dated]:
    """Return each document's date: a run's own (`given`, e.g. from an option) before its file's;
    the report's date is 31 December of the year when laporan.yaml is silent."""
    dates: dict[str, Dated] = {}
    for which in SOURCES:
        found = _file_date(folder, which)
        if found is not None:
            dates[which] = found
    if REPORT not in dates and (Path(folder) / SOURCES[REPORT][0]).is_file():
        dates[REPORT] = Dated(SOURCES[REPORT][2], dt.date(year, 12, 31), Path(folder) / SOURCES[REPORT][0],
                              SOURCES[REPORT][1])
    for which, value in (given or {}).items():
        if value is not None:
            dates[which] = value
    return dates


def _where(dated: Dated) -> tuple:
    if dated.file is None:
        return (dated.key,)
    return (dated.file, f" kunci '{dated.key}'")


def check_year_order(folder: Path, year: int, own: tuple[str, ...],
                     given: dict[str, Dated | None] | None = None) -> list[Problem]:
    """Return a warning for each pair of the year's dates out of order that involves one of the `own` documents
    (so that a run of every kind names each pair once)."""
    dates = year_dates(folder, year, given)
    found = []
    for earlier, later, why in ORDER:
        if earlier not in own and later not in own:
            continue
        first, second = dates.get(earlier), dates.get(later)
        if first is None or second is None or second.date >= first.date:
            continue
        at = second if second.file is not None else first
        found.append(Problem(
            file=str(at.file), key=at.key, warning=True,
            message=mention(f"{second.name} bertanggal {format_date(second.date)} (", *_where(second),
                            f"), sebelum {first.name} bertanggal {format_date(first.date)} (", *_where(first),
                            f"); {why}. Periksa kedua tanggal itu")))
    return found
