"""Validate the Zona Integritas inputs: the rules file, the LKE ZI worksheet and pencanangan-zi.yaml.

The LKE ZI is read in its official layout (the form's sections, indicators and items, as
scoring/rules/lke-zi-90-2021.yaml describes it: schemas/lke_form.py) or as reportgen's flat table. Flat columns:
Area (a ZI area of the rules, or its number), Bagian (Pemenuhan, Reform, a survey,
Capaian Kinerja), Indikator (Sub Komponen), Pertanyaan, Jenis Jawaban, Jawaban, Bobot (the indicator's
weight, repeated on each of its items), optional Bobot Butir, Catatan (the unit's notes or evidence, kept
for the report) and Tahun. Answer types are those of the PMPRB worksheet (scoring/pmprb.py). Every part
of the rules must be there with indicator weights adding up to the part's weight. Every problem is
collected with its file, Excel row and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import yaml

from reportgen.errors import InputError, InvalidValue, ProblemCollector
from reportgen.inputs.profile import Official
from reportgen.inputs.schemas.assessment import parse_year
from reportgen.inputs.schemas.assessment import check_item_weights, same_weight
from reportgen.inputs.schemas.base import Field, map_columns, normalize_header, text_value, validate_rows
from reportgen.inputs.schemas.lke_form import FormSheet, describe_rows, find_header, names_form, read_form
from reportgen.inputs.tables import HEADER_SEARCH_ROWS, locate_header, read_grid, read_table, sheet_names
from reportgen.inputs.yaml_file import read_yaml_lines
from reportgen.scoring.pmprb import fmt_score, parse_answer_type, parse_score_number
from reportgen.scoring.forms import forms_for
from reportgen.scoring.regulations import component_key
from reportgen.scoring.zona_integritas import ZiItem, ZiRules, ZiWorksheet, rules_from_data, rules_from_model

DEFAULT_RULES = "zi-90-2021.yaml"

FIELDS = [
    Field("tahun", "Tahun", ("tahun", "tahunpenilaian", "periode"), parse=parse_year, required=False),
    Field("area", "Area", ("area", "areaperubahan", "areapengungkit")),
    Field("bagian", "Bagian", ("bagian", "aspek", "subarea", "komponenarea")),
    Field("indikator", "Indikator", ("indikator", "subkomponen", "subindikator")),
    Field("pertanyaan", "Pertanyaan", ("pertanyaan", "butir", "butirpertanyaan", "kriteria")),
    Field("jenis", "Jenis Jawaban", ("jenisjawaban", "tipejawaban"), parse=parse_answer_type),
    Field("jawaban", "Jawaban", ("jawaban", "jawabanunit"), parse=lambda v: v),
    Field("bobot", "Bobot", ("bobot", "bobotindikator", "bobotsubkomponen"), parse=parse_score_number),
    Field("bobot_butir", "Bobot Butir", ("bobotbutir", "bobotpertanyaan", "bobotitem"),
          parse=parse_score_number, required=False),
    Field("catatan", "Catatan", ("catatan", "bukti", "buktidukung", "catatanbukti", "catatanbuktidukung",
                                 "penjelasan", "keterangan"), required=False, required_value=False),
]
IGNORED = ("no", "nomor", "komponen", "nilai", "skor")  # columns of the official form reportgen computes itself


def _is_header(headers: tuple[str, ...]) -> bool:
    found = {normalize_header(h) for h in headers if h}
    return "area" in found and bool(found & {"jawaban", "jawabanunit"})


# ---------------------------------------------------------------- the rules file


def load_zi_rules(path: Path | None, problems: ProblemCollector) -> ZiRules | None:
    """Return the rules of `path`, or the shipped PermenPAN-RB 90/2021 rules; problems go to `problems`."""
    if path is None:
        text = (resources.files("reportgen.scoring") / "rules" / DEFAULT_RULES).read_text(encoding="utf-8")
        return rules_from_data(yaml.safe_load(text))
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.scoring.rules_files import ZiRulesFile

    path = Path(path)
    try:
        data, lines = read_yaml_lines(path)
    except InputError as exc:
        problems.problems.extend(exc.problems)
        return None
    if not isinstance(data, dict) or data.get("jenis") != "zona-integritas":
        problems.add(path, "bukan berkas aturan Zona Integritas (diharapkan 'jenis: zona-integritas'; salin "
                     "reportgen/scoring/rules/zi-90-2021.yaml sebagai contoh)")
        return None
    model = validate_settings(ZiRulesFile, data, path, problems, lines)
    if model is None:
        return None
    try:
        return rules_from_model(model)
    except InvalidValue as exc:
        problems.add(path, str(exc))
        return None


# ---------------------------------------------------------------- the worksheet


def load_lke_zi(path: Path, sheet: str | None, rules: ZiRules, year: int | None,
                problems: ProblemCollector, answers: str = "unit") -> ZiWorksheet | None:
    """Return the validated worksheet; every problem goes to `problems` (None when it cannot be read).

    The worksheet is reportgen's flat table (Area, Bagian, Indikator, ... one row per question) or the LKE ZI
    in its official layout (lke-zi-90-2021.yaml); without `sheet`, the first sheet that is either (summary
    sheets such as REKAP are never read as items). `year` None takes the year from the title; a title naming
    another year than `year` is a problem naming both. `answers` "tpi" reads the evaluators' answers.
    """
    form = forms_for("zona-integritas")[0]
    try:
        names = (sheet,) if sheet else sheet_names(path) or (None,)
        grids = []
        for name in names:
            if not sheet and form.is_summary_sheet(name):
                continue
            grid = read_grid(path, name)
            grids.append(grid)
            if locate_header(grid.rows, _is_header, grid.merges) is not None:
                if answers == "tpi":
                    problems.add(grid.file, "lembar kerja berbentuk tabel datar (kolom Area, Bagian, ...) tidak "
                                 "memiliki kolom jawaban Tim Penilai Internal (TPI); jawaban TPI hanya dibaca dari "
                                 "LKE dalam bentuk resminya")
                    return None
                return _load_flat(path, name, rules, year, problems)
            if find_header(grid, form) is not None:
                read = read_form(grid, form, _names(rules), problems, answers)
                where = {"sheet": grid.sheet} if grid.sheet and len(grid.sheets) > 1 else {}
                return _load_official(read, rules, year, problems, where) if read is not None else None
    except InputError as exc:
        problems.problems.extend(exc.problems + exc.warnings)
        return None
    first = grids[0] if grids else None
    where = f" lembar '{first.sheet}'" if first is not None and first.sheet else ""
    titled = names_form(first, form) if first is not None else None
    if titled is not None:
        where += f" (judulnya di baris {titled} menyebut {form.name}, tetapi judul kolomnya tidak ditemukan)"
    columns = ", ".join(f"'{w}'" for w in ("Bobot", "Pilihan Jawaban", "Jawaban"))
    problems.add(str(path), f"bentuk LKE Zona Integritas tidak dikenali pada{where}: judul kolom dicari pada baris "
                 f"1-{HEADER_SEARCH_ROWS}, yaitu baris yang memuat kolom Area, Bagian, Indikator, Pertanyaan, "
                 f"Jenis Jawaban, Jawaban, Bobot (tabel datar) atau kolom {columns} ({form.name} dalam bentuk "
                 f"resminya). Yang ditemukan: {describe_rows(first) if first is not None else '(tidak ada lembar)'}",
                 **({"sheet": first.sheet} if first is not None and first.sheet and len(first.sheets) > 1 else {}))
    return None


def _names(rules: ZiRules) -> dict[str, dict[str, str]]:
    """Return what a section row named after an area or a part of the rules sets."""
    names: dict[str, dict[str, str]] = {}
    for area in rules.areas:
        for name in (area.name, area.key, *area.aliases):
            names.setdefault(component_key(name), {"area": area.key})
    for area in rules.areas:
        for part in area.parts:
            for name in (part.name, *part.aliases):
                names.setdefault(component_key(name), {"bagian": part.key})
    return names


def _load_official(read: FormSheet, rules: ZiRules, year: int | None, problems: ProblemCollector,
                   where: dict[str, str]) -> ZiWorksheet | None:
    """Return the worksheet of an LKE ZI read in its official layout, checked as the flat one is (`where` names
    the sheet in problems when the workbook has several)."""
    file, columns = read.file, {"bobot": read.columns.get("bobot", "Bobot"),
                                "jenis": read.columns.get("jenis", "Pilihan Jawaban"), "bagian": None,
                                "bobot_butir": read.columns.get("bobot", "Bobot")}
    if year is None:
        year = read.year
        if year is None:
            problems.add(file, "tahun penilaian tidak disebut di judul lembar kerja; sebutkan tahunnya pada perintah",
                         **where)
            return None
    elif read.year is not None and read.year != year:
        problems.add(file, f"judul lembar kerja menyebut tahun {read.year}, sedangkan yang diminta tahun {year}; "
                     "periksa berkasnya atau tahun pada perintah", row=read.year_row, found=str(read.year), **where)
    items: list[ZiItem] = []
    weight_of: dict[tuple, tuple[Decimal, int]] = {}
    question_row: dict[tuple, int] = {}
    spoiled: set[tuple[str, str]] = set()
    unplaced = False
    reported: set[int] = set()
    for slots in read.rejected:
        place = _place(rules, slots)
        if place is None:
            unplaced = True
        else:
            spoiled.add((place[0].key, place[1].key))
    for item in read.items:
        place = _place(rules, item.slots)
        if place is None:
            unplaced = True
            if item.indicator_row not in reported:
                reported.add(item.indicator_row)
                problems.add(file, f"butir indikator '{item.indicator[:60]}' tidak berada di bawah area dan bagian "
                             f"{rules.short} yang dikenal; baris area (mis. 'MANAJEMEN PERUBAHAN') dan bagian "
                             "('PEMENUHAN', 'REFORM') di atasnya tidak ditemukan atau namanya lain", row=item.row,
                             **where)
            continue
        area, part = place
        if part.survey and item.kind.key != "skala4":
            problems.add(file, f"{part.name} adalah hasil survei: jenis jawabannya 'Nilai (0-4)'", row=item.row,
                         column=columns["jenis"], found=item.kind.name, **where)
            spoiled.add((area.key, part.key))
            continue
        indicator = (area.key, part.key, component_key(item.indicator))
        if not same_weight(weight_of, indicator, item.weight, item.indicator_row, f"indikator '{item.indicator}'",
                           file, problems):
            continue
        question = indicator + (component_key(item.question), item.row if not item.kind.scored else 0)
        if question in question_row:
            problems.add(file, f"pertanyaan yang sama sudah ada di baris {question_row[question]}", row=item.row,
                         **where)
            continue
        question_row[question] = item.row
        items.append(ZiItem(item.row, area, part, item.indicator, item.question, item.kind, item.answer,
                            item.weight, item.item_weight if item.kind.scored else None, item.note))
    _check_indicators(file, items, problems, columns)
    _check_weights(file, rules, weight_of, problems, spoiled, unplaced, columns)
    return ZiWorksheet(file, year, rules, tuple(items), answered_by=read.answered_by)


def _place(rules: ZiRules, slots: dict[str, str]):
    """Return the (area, part) the rows above an item set, or None."""
    area = next((a for a in rules.areas if a.key == slots.get("area")), None)
    part = next((p for p in area.parts if p.key == slots.get("bagian")), None) if area else None
    return (area, part) if part else None


def _load_flat(path: Path, sheet: str | None, rules: ZiRules, year: int | None,
               problems: ProblemCollector) -> ZiWorksheet | None:
    """Return the worksheet of reportgen's flat table: one row per question."""
    table = read_table(path, sheet, is_header=_is_header)
    items: list[ZiItem] = []
    weight_of: dict[tuple, tuple[Decimal, int]] = {}
    question_row: dict[tuple, int] = {}
    spoiled: set[tuple[str, str]] = set()  # parts with a rejected row: their weights cannot be added up
    unplaced = False  # a row of unknown area or part could belong to any part
    records = validate_rows(table, FIELDS, problems, ignored=IGNORED)
    if map_columns(table, FIELDS, ProblemCollector(), IGNORED) is None:
        return None  # the missing columns are said; no part can be read, and none is said missing
    if year is None:
        year = next((r["tahun"] for r in records if r.get("tahun") is not None), None)
        if year is None:
            problems.add(table.file, "tahun penilaian tidak disebut (kolom Tahun kosong); sebutkan tahunnya pada "
                         "perintah")
            return None
    for rec in records:
        ok = True
        if rec.get("tahun") is not None and rec["tahun"] != year:
            problems.add(table.file, f"lembar kerja ini untuk tahun {year}; baris ini tahun {rec['tahun']}",
                         row=rec.row, column="Tahun", found=str(rec["tahun"]))
            ok = False
        try:
            area = rules.parse_area(rec["area"])
        except InvalidValue as exc:
            problems.add(table.file, str(exc), row=rec.row, column="Area", found=rec["area"])
            unplaced = True
            continue
        part = area.find_part(rec["bagian"])
        if part is None:
            names = ", ".join(p.name for p in area.parts)
            problems.add(table.file, f"bagian tidak dikenal untuk area {area.name} menurut {rules.short}; "
                         f"diharapkan salah satu dari: {names}", row=rec.row, column="Bagian", found=rec["bagian"])
            unplaced = True
            continue
        answer_type, weight, item_weight = rec["jenis"], rec["bobot"], rec.get("bobot_butir")
        if part.survey and answer_type.key != "skala4":
            problems.add(table.file, f"{part.name} adalah hasil survei: jenis jawabannya 'Nilai (0-4)'",
                         row=rec.row, column="Jenis Jawaban", found=answer_type.name)
            ok = False
        if weight <= 0:
            problems.add(table.file, "bobot harus lebih dari 0", row=rec.row, column="Bobot", found=fmt_score(weight))
            ok = False
        if item_weight is not None and item_weight < 0:
            problems.add(table.file, "bobot butir tidak boleh negatif", row=rec.row, column="Bobot Butir",
                         found=fmt_score(item_weight))
            ok = False
        try:
            answer_type.value(rec["jawaban"])
        except InvalidValue as exc:
            problems.add(table.file, str(exc), row=rec.row, column="Jawaban", found=text_value(rec["jawaban"]))
            ok = False
        if not ok:
            spoiled.add((area.key, part.key))
            continue
        indicator = (area.key, part.key, component_key(rec["indikator"]))
        if not same_weight(weight_of, indicator, weight, rec.row, f"indikator '{rec['indikator']}'", table.file,
                           problems):
            continue
        question = indicator + (component_key(rec["pertanyaan"]),)
        if question in question_row:
            problems.add(table.file, f"pertanyaan yang sama sudah ada di baris {question_row[question]}",
                         row=rec.row, column="Pertanyaan")
            continue
        question_row[question] = rec.row
        note = rec.get("catatan")
        items.append(ZiItem(rec.row, area, part, rec["indikator"], rec["pertanyaan"], answer_type, rec["jawaban"],
                            weight, item_weight if answer_type.scored else None,
                            text_value(note) if note is not None else ""))
    _check_indicators(table.file, items, problems)
    _check_weights(table.file, rules, weight_of, problems, spoiled, unplaced)
    return ZiWorksheet(table.file, year, rules, tuple(items))


FLAT_COLUMNS = {"bobot": "Bobot", "jenis": "Jenis Jawaban", "bagian": "Bagian", "bobot_butir": "Bobot Butir"}


def _check_indicators(file: str, items: list[ZiItem], problems: ProblemCollector,
                      columns: dict[str, str | None] = FLAT_COLUMNS) -> None:
    """Report indicators with no scored item, or whose item weights do not add up to their weight."""
    by_indicator: dict[tuple, list[ZiItem]] = {}
    for item in items:
        by_indicator.setdefault((item.area.key, item.part.key, component_key(item.subcomponent)), []).append(item)
    check_item_weights(by_indicator.values(), file, problems, columns, "indikator", "bobot")


def _check_weights(file: str, rules: ZiRules, weight_of: dict, problems: ProblemCollector,
                   spoiled: set[tuple[str, str]], unplaced: bool, columns: dict[str, str | None] = FLAT_COLUMNS) -> None:
    """Report each part whose indicators' weights do not add up to its weight in the rules, or that is absent
    (not for a part with a rejected row, whose weights are incomplete)."""
    for area in rules.areas:
        for part in area.parts:
            if (area.key, part.key) in spoiled:
                continue
            indicators = [(w, row) for (a, p, _), (w, row) in weight_of.items() if a == area.key and p == part.key]
            if not indicators:
                if unplaced:
                    continue
                problems.add(file, f"tidak ada butir untuk area {area.name}, bagian {part.name} (bobot "
                             f"{fmt_score(part.weight)} menurut {rules.short}); setiap bagian harus dinilai",
                             column=columns["bagian"])
                continue
            total = sum((w for w, _ in indicators), Decimal(0))
            if total != part.weight:
                last = max(row for _, row in indicators)
                problems.add(file, f"jumlah bobot indikator area {area.name}, bagian {part.name} {fmt_score(total)}, "
                             f"sedangkan menurut {rules.short} {fmt_score(part.weight)}", row=last,
                             column=columns["bobot"], found=fmt_score(total))


# ---------------------------------------------------------------- pencanangan-zi.yaml

# The charter's official text was not found (domain.md section 6): this default is a commitment in the usual
# words of published charters, replaceable with `teks_piagam` in the year's pencanangan-zi.yaml.
DEFAULT_CHARTER_OPENING = ("Kami, pimpinan dan seluruh pegawai {unit}, dengan ini menyatakan komitmen untuk "
                           "membangun Zona Integritas menuju Wilayah Bebas dari Korupsi (WBK) dan Wilayah Birokrasi "
                           "Bersih dan Melayani (WBBM), dan untuk itu kami berjanji:")
DEFAULT_CHARTER = (
    "Melaksanakan tugas dan fungsi dengan jujur, bersih, transparan, dan akuntabel;",
    "Tidak melakukan, tidak turut serta, dan tidak membiarkan korupsi, kolusi, dan nepotisme dalam bentuk "
    "apa pun;",
    "Menolak setiap pemberian berupa suap, hadiah, atau gratifikasi yang berkaitan dengan jabatan dan tugas;",
    "Memberikan pelayanan publik yang cepat, mudah, terjangkau, dan tanpa diskriminasi;",
    "Melaksanakan program Manajemen Perubahan, Penataan Tatalaksana, Penataan Sistem Manajemen SDM, "
    "Penguatan Akuntabilitas, Penguatan Pengawasan, dan Peningkatan Kualitas Pelayanan Publik secara "
    "sungguh-sungguh dan berkelanjutan;",
    "Bersedia menerima sanksi sesuai dengan ketentuan peraturan perundang-undangan apabila melanggar "
    "komitmen ini.",
)

@dataclass(frozen=True)
class Ceremony:
    """The year's ZI declaration (pencanangan): when and where, who witnessed, the charter's text."""

    path: Path
    date: dt.date | None
    venue: str | None             # where the ceremony took place (the minutes)
    city: str | None              # the charter's place line (default: the unit's city)
    event: str | None             # what the ceremony was part of, when said
    time: str | None              # "09.00 WIB"
    present: tuple[str, ...]      # institutions present (KemenPAN-RB, KPK, Ombudsman)
    witnesses: tuple[Official, ...]
    charter_opening: str
    charter: tuple[str, ...]
    pacts: int | None             # number of pacts signed, when the file says it
    wbk_since: int | None         # year the unit obtained WBK, when it has
    number: str | None = None     # the minutes' number written by hand, printed as is
    code: str | None = None       # or only its classification code: the serial comes from the register


def _tidy(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def load_ceremony(path: Path, problems: ProblemCollector) -> Ceremony | None:
    """Return what pencanangan-zi.yaml says (None when it is absent or does not validate); problems go to
    `problems`."""
    from reportgen.conventions.settings_schema import validate_settings
    from reportgen.inputs.settings_files import CeremonyFile

    path = Path(path)
    if not path.is_file():
        return None
    try:
        data, lines = read_yaml_lines(path)
    except InputError as exc:
        problems.problems.extend(exc.problems)
        return None
    given = validate_settings(CeremonyFile, {} if data is None else data, path, problems, lines)
    if given is None:
        return None
    if given.nomor and given.kode_klasifikasi:
        problems.add(path, "isi salah satu saja untuk berita acara: nomor lengkap, atau kode_klasifikasi (nomor urut "
                     "dari register)", key="nomor", row=lines.get(("nomor",)))
    witnesses = tuple(Official(" ".join(w.nama.split()), w.nip or "", " ".join(w.jabatan.split()))
                      for w in given.saksi or ())
    return Ceremony(
        path=path, date=given.tanggal, venue=_tidy(given.tempat), city=_tidy(given.kota), event=_tidy(given.acara),
        time=_tidy(given.pukul), present=tuple(" ".join(x.split()) for x in given.hadir or ()),
        witnesses=witnesses, charter_opening=_tidy(given.pembuka_piagam) or DEFAULT_CHARTER_OPENING,
        charter=tuple(" ".join(x.split()) for x in given.teks_piagam or ()) or DEFAULT_CHARTER,
        pacts=given.jumlah_pakta, wbk_since=given.predikat_wbk,
        number=" ".join(given.nomor.split()).upper() if given.nomor else None,
        code=" ".join(given.kode_klasifikasi.split()) if given.kode_klasifikasi else None)
