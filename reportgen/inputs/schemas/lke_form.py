"""Read an official worksheet (LKE PMPRB, LKE Zona Integritas) in its own layout, unedited.

Title rows (and the year in them); a header over one to four rows with merged cells; section rows nested by
their numbering (A. / I. / 1 / i. / a. / -) that set what the items below them score (a group, a part, an area)
by their names; indicator and sub-indicator rows with their weights; items with the form's answer kinds, read
through the results Excel saved for formulas; the unit's answers, or the evaluators' (TPI) when asked; the total
row and the signature block end the items. The layout is data (scoring/forms.py); what the rows mean for a
score is the caller's (schemas/assessment.py for PMPRB, schemas/zi.py for ZI), which gets `FormItem`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.errors import InvalidValue, ProblemCollector
from reportgen.inputs.schemas.base import decode_excel_escapes, normalize_header, text_value
from reportgen.inputs.tables import (HEADER_SEARCH_ROWS, Grid, HeaderBlock, cell_text, header_block,
                                     is_numbering_row, reads_like_signature)
from reportgen.inputs.workbook import cell_name
from reportgen.scoring.forms import FormRules
from reportgen.scoring.pmprb import AnswerType, fmt_score
from reportgen.scoring.regulations import component_key

ANSWERED_BY = {"unit": "unit", "tpi": "Tim Penilai Internal (TPI)"}
_ROLE_LABELS = {"bobot": "Bobot", "jenis": "Pilihan Jawaban", "jawaban": "Jawaban", "uraian": "Uraian"}
_TOKEN = {
    "huruf_besar": re.compile(r"[A-HJ-UWYZ]"),   # I, V and X are Roman numerals at this level
    "romawi_besar": re.compile(r"[IVX]+"),
    "angka": re.compile(r"\d{1,3}"),
    "romawi_kecil": re.compile(r"[ivx]+"),
    "huruf_kecil": re.compile(r"[a-z]"),
    "tanda": re.compile(r"[-–•*]"),
}
_BARE = re.compile(r"^\(?([A-Za-z]{1,4}|\d{1,3})[.)]?$|^([-–•*])$")
_INLINE = re.compile(r"^\(?([A-Za-z]{1,4}|\d{1,3})[.)]\s+(\S.*)$|^([-–•*])\s+(\S.*)$", re.DOTALL)
_WEIGHT_IN_NAME = re.compile(r"\s*\(\s*\d+(?:[.,]\d+)?\s*%?\s*\)\s*$")


@dataclass(frozen=True)
class FormItem:
    """One item of the form: where it stands (Excel row), what the section rows above it set ("bagian":
    "pemenuhan", "area": "sdm"), its indicator (its own text when it carries its own weight), the indicator's
    weight, its own weight when the indicator weighs its items, the question, answer kind, answer and note."""

    row: int
    slots: dict[str, str]
    indicator: str
    indicator_row: int
    weight: Decimal
    item_weight: Decimal | None
    question: str
    kind: AnswerType
    answer: object  # a choice as the form names it ("A", "Ya", "WTP") or a Decimal number
    note: str = ""


@dataclass(frozen=True)
class FormSheet:
    """A sheet read in a form's layout: its items, the year its title states, whose answers were read."""

    file: str
    sheet: str | None
    form: FormRules
    year: int | None
    year_row: int | None
    answered_by: str
    items: tuple[FormItem, ...]
    header_rows: str
    columns: dict[str, str]  # role -> the header as written, for messages
    rejected: tuple[dict[str, str], ...] = ()  # what the rows above set, for each item refused (its problem added)


@dataclass
class _Entry:
    """A section, indicator or sub-indicator row on the way down to the items."""

    rank: int
    row: int
    text: str
    named: dict[str, str] | None
    weight: Decimal | None
    leaves: list[tuple[int, Decimal]] = field(default_factory=list)  # (row, weight) of the indicators below


# ---------------------------------------------------------------- the header


def _roles(block: HeaderBlock, form: FormRules) -> dict[str, int]:
    """Return role -> column for the block's labels (joined, else the lowest one alone), first column wins."""
    found: dict[str, int] = {}
    for column, parts in enumerate(block.parts):
        if not parts:
            continue
        keys = [normalize_header(" ".join(parts))] + ([normalize_header(parts[-1])] if len(parts) > 1 else [])
        for key in keys:
            role = next((r for r, words in form.columns.items() if key in words), None)
            if role and role not in found:
                found[role] = column
                break
    return found


def find_header(grid: Grid, form: FormRules) -> tuple[HeaderBlock, dict[str, int]] | None:
    """Return the form's header block in the sheet's first rows and the column of each role, or None."""
    for index in range(min(len(grid.rows), HEADER_SEARCH_ROWS)):
        for block in header_block(grid.rows, index, grid.merges):
            roles = _roles(block, form)
            if all(r in roles for r in form.required):
                return block, roles
    return None


def describe_rows(grid: Grid, limit: int = 6) -> str:
    """Return what the sheet's first filled rows hold, for a refusal: "baris 1: 'LEMBAR KERJA ...'; baris 4: ..."."""
    shown = []
    for index, values in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        texts = [cell_text(v) for v in values if cell_text(v)]
        if texts:
            cells = ", ".join(f"'{t[:40]}'" for t in texts[:6]) + (", ..." if len(texts) > 6 else "")
            shown.append(f"baris {index + 1}: {cells}")
        if len(shown) == limit:
            break
    return "; ".join(shown) or "(lembar kosong)"


def _title_lines(grid: Grid, before: int) -> list[tuple[int, str]]:
    return [(index + 1, " ".join(cell_text(v) for v in grid.rows[index] if cell_text(v)))
            for index in range(min(before, len(grid.rows)))]


def title_year(grid: Grid, form: FormRules, before: int) -> tuple[int | None, int | None]:
    """Return the year the title rows (above row `before`, 0-based) state and its Excel row, or (None, None):
    "TAHUN 2021" (the form's pattern), else a year standing in a title row that names the form."""
    lines = _title_lines(grid, before)
    for row, text in lines:
        match = form.year_pattern.search(text)
        if match:
            return int(match[1]), row
    for row, text in lines:
        year = re.search(r"\b(20\d\d)\b", text)
        if year and form.names_title(text):
            return int(year[1]), row
    return None, None


def names_form(grid: Grid, form: FormRules) -> int | None:
    """Return the Excel row of a title row (in the first rows) saying the sheet is the form, or None."""
    return next((row for row, text in _title_lines(grid, HEADER_SEARCH_ROWS) if text and form.names_title(text)),
                None)


# ---------------------------------------------------------------- rows


def _kind_of_token(token: str, form: FormRules, last_letter: str | None) -> str | None:
    """Return the numbering kind of a token ("A", "II", "3", "iv", "b", "-"); i, v and x are letters when they
    follow h, u and w."""
    kinds = [k for k in form.numbering if _TOKEN[k].fullmatch(token)]
    if "romawi_kecil" in kinds and "huruf_kecil" in kinds:
        follows = last_letter is not None and len(token) == 1 and ord(token) == ord(last_letter) + 1
        return "huruf_kecil" if follows else "romawi_kecil"
    return kinds[0] if kinds else None


def _label(values: list[object], columns: range, form: FormRules,
           last_letter: str | None) -> tuple[str | None, str, str, int | None]:
    """Return a row's numbering kind (or None), its numbering token, its text and the column its text starts
    in, read from the columns left of the weight: the token in a cell of its own ("i." then the text), or
    starting the text ("i. Tim ...")."""
    cells, where = [], []
    for column in columns:
        if column < len(values):
            text = cell_text(values[column])
            if text:
                cells.append(text)
                where.append(column)
    if not cells:
        return None, "", "", None
    bare = _BARE.match(cells[0])
    if bare and len(cells) > 1:
        token = bare[1] or bare[2]
        kind = _kind_of_token(token, form, last_letter)
        if kind:
            return kind, token, " ".join(cells[1:]), where[1]
    inline = _INLINE.match(cells[0])
    if inline:
        token = inline[1] or inline[3]
        kind = _kind_of_token(token, form, last_letter)
        if kind:
            return kind, token, " ".join([inline[2] or inline[4]] + cells[1:]), where[0]
    if bare and len(cells) == 1:  # a number with no text: nothing to read
        return None, "", "", None
    return None, "", " ".join(cells), where[0]


def _decimal(value) -> Decimal | None:
    """Return a numeric cell (or text "87,5", "87,5 %") as a Decimal, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = "".join(str(value).split()).rstrip("%")
    if re.fullmatch(r"-?\d+(?:[.,]\d+)?", text):
        return Decimal(text.replace(",", "."))
    return None


class _Reader:
    """Walk one sheet's rows in a form's layout, collecting items and every problem with its cell."""

    def __init__(self, grid: Grid, form: FormRules, names: dict[str, dict[str, str]], problems: ProblemCollector,
                 roles: dict[str, int], labels: dict[str, str], answers: str):
        self.grid, self.form, self.names, self.problems = grid, form, names, problems
        self.roles, self.labels = roles, labels
        self.answer_column = roles["jawaban_tpi" if answers == "tpi" else "jawaban"]
        first_value = min(roles[r] for r in ("bobot", "jenis", "jawaban", "jawaban_tpi") if r in roles)
        self.label_columns = range(0, first_value)
        self.stack: list[_Entry] = []
        self.items: list[dict] = []
        self.last_letter: str | None = None
        self.letter_rank = form.numbering.index("huruf_kecil") if "huruf_kecil" in form.numbering else 99
        self.entries: list[_Entry] = []  # every section and indicator row, for the weight check
        self.rejected: list[dict[str, str]] = []  # what the rows above set, for each item refused
        self.notes: list[str] = []  # what was read and left out, said once at the end
        self.last_leaf: _Entry | None = None  # the last item carrying its own weight: Jumlah rows below feed it
        self.column_ranks: dict[int | None, set[int]] = {}  # text column -> depths of numbered rows writing there
        self.hint: int | None = None
        self.last_leaf_slots: dict[str, str] = {}
        self.where = {"sheet": grid.sheet} if grid.sheet and len(grid.sheets) > 1 else {}

    # problems name the cell: its Excel row, its column's header, and the cell itself in the message
    def add(self, row: int, column: int | None, message: str, found: str | None = None) -> None:
        label = next((self.labels[r] for r, c in self.roles.items() if c == column), None) if column is not None \
            else None
        self.problems.add(self.grid.file, message, row=row + 1, column=label, found=found, **self.where)

    def warn(self, message: str, row: int | None = None) -> None:
        self.problems.warn(self.grid.file, message, row=row, **self.where)

    def cell(self, row: int, role: str) -> object:
        column = self.roles.get(role)
        return None if column is None else self.grid.value(row, column)

    def saved(self, row: int, column: int | None, what: str) -> bool:
        """Return False, with the problem added, for a formula cell Excel never computed."""
        if column is not None and (row, column) in self.grid.pending:
            self.add(row, column, f"sel {cell_name(row, column)} ({what}) berisi rumus tanpa hasil hitungan yang "
                     "tersimpan; buka dan simpan sekali di Excel (atau LibreOffice) agar hasilnya tersimpan")
            return False
        return True

    def weight(self, row: int, what: str) -> tuple[Decimal | None, bool]:
        """Return the row's weight (None when blank) and whether it could be read."""
        column = self.roles["bobot"]
        if not self.saved(row, column, f"bobot {what}"):
            return None, False
        value = self.grid.value(row, column)
        if value is None:
            return None, True
        number = _decimal(value)
        if number is None or number < 0:
            self.add(row, column, "bobot harus angka tidak negatif, mis. 0,5", found=text_value(value))
            return None, False
        return number, True

    def rank(self, kind: str | None, named: dict[str, str] | None, item: bool) -> int | None:
        """Return a row's depth: its numbering's, else its text column's (learned), else its name's."""
        if kind is not None:
            return self.form.numbering.index(kind)
        if self.hint is not None:
            return self.hint
        if named:
            return min((self.form.slots.index(s) for s in named if s in self.form.slots), default=len(self.form.slots))
        return None if item else len(self.form.slots)

    def pop(self, rank: int | None) -> None:
        if rank is None:
            return
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()

    def read(self, start: int) -> None:
        for row in range(start, len(self.grid.rows)):
            values = self.grid.rows[row]
            kind_name, token, text, text_column = _label(values, self.label_columns, self.form, self.last_letter)
            # depth: from the numbering; for a row without one, from the column its text starts in (a merged
            # cell's first column), where the numbered rows show that column stands for one level only
            if kind_name is not None:
                self.column_ranks.setdefault(text_column, set()).add(self.form.numbering.index(kind_name))
            learned = self.column_ranks.get(text_column, set()) if kind_name is None else set()
            self.hint = next(iter(learned)) if len(learned) == 1 else None
            kind_text, answer = self.cell(row, "jenis"), self.grid.value(row, self.answer_column)
            weight_cell = self.cell(row, "bobot")
            if not text and kind_text is None and answer is None:
                continue  # blank, or a stray number (a Nilai column's formula)
            if text and self.form.ends(text):
                self.notes.append(f"baris {row + 1} ('{text[:40]}') dan di bawahnya tidak dibaca (nilai akhir dan "
                                  "tanda tangan)")
                return
            if text and kind_text is None and answer is None and weight_cell is None and reads_like_signature(text):
                self.notes.append(f"baris {row + 1} dan di bawahnya dianggap bagian penutup (tempat, tanggal, "
                                  "tanda tangan) dan tidak dibaca")
                return
            if kind_name == "huruf_kecil":
                self.last_letter = token.lower()
            elif kind_name is not None and self.form.numbering.index(kind_name) < self.letter_rank:
                self.last_letter = None
            hasil = self.form.item(text) if text else None
            if kind_text is not None or (hasil is not None and answer is not None):
                self.item(row, kind_name, text, kind_text, hasil)
            elif text:
                self.section(row, kind_name, text)

    def section(self, row: int, kind_name: str | None, text: str) -> None:
        name = _WEIGHT_IN_NAME.sub("", text)
        named_row = self.form.section(name)
        named = named_row.values if named_row else self.names.get(component_key(name))
        rank = self.rank(kind_name, named, item=False)
        self.pop(rank)
        weight, _ = self.weight(row, f"'{name[:40]}'")
        self.last_leaf = None
        entry = _Entry(rank if rank is not None else len(self.form.slots), row, name, named, weight)
        self.stack.append(entry)
        self.entries.append(entry)

    def item(self, row: int, kind_name: str | None, text: str, kind_text, hasil) -> None:
        form = self.form
        self.pop(self.rank(kind_name, None, item=True))
        slots: dict[str, str] = {}
        for entry in self.stack:
            if entry.named:
                slots.update(entry.named)
        last_named = max((i for i, e in enumerate(self.stack) if e.named), default=-1)
        unnamed = self.stack[last_named + 1:]
        indicator = unnamed[0] if unnamed else None
        sub = unnamed[-1] if len(unnamed) > 1 else None
        for entry in (indicator, sub):
            named_item = form.item(entry.text) if entry else None
            for key, value in (named_item.values.items() if named_item else ()):
                slots.setdefault(key, value)
        for key, value in (hasil.values.items() if hasil else ()):
            slots.setdefault(key, value)
        kind = form.kind(kind_text) if kind_text is not None else None
        if kind_text is not None and kind is None:
            names = ", ".join(k.name for k in form.kinds)
            self.add(row, self.roles["jenis"], f"jenis jawaban tidak dikenal pada {form.name}; diharapkan salah satu "
                     f"dari: {names}", found=text_value(kind_text))
            self.rejected.append(slots)
            return
        if kind is None:
            kind = form.kind_by_key(hasil.kind) if hasil and hasil.kind else None
            if kind is None:
                self.add(row, self.roles["jenis"], "jenis jawaban kosong; isi Pilihan Jawaban butir ini")
                self.rejected.append(slots)
                return
        own, weight_ok = self.weight(row, "butir")
        question = text or (indicator.text if indicator else "")
        if indicator is None and own is None and not kind.scored and self.last_leaf is not None:
            indicator, slots = self.last_leaf, dict(self.last_leaf_slots)  # a Jumlah row under a Hasil item
        if indicator is None:
            if own is None:
                if weight_ok:
                    self.add(row, self.roles["bobot"], "butir ini tidak berada di bawah indikator berbobot dan tidak "
                             "berbobot sendiri; isi bobotnya atau periksa baris indikator di atasnya")
                self.rejected.append(slots)
                return
            leaf = _Entry(len(form.slots), row, question, None, own)
            item_weight = None
            self.last_leaf, self.last_leaf_slots = leaf, slots
        else:
            leaf = sub or indicator
            item_weight = own
        if leaf.weight is None:
            self.add(leaf.row, self.roles["bobot"], f"bobot indikator '{leaf.text[:60]}' kosong; isi bobotnya "
                     f"(butir di baris {row + 1} termasuk indikator ini)")
            leaf.weight = Decimal(-1)  # said once
        if leaf.weight < 0:
            self.rejected.append(slots)
            return
        for entry in self.stack:
            if entry is not leaf and not any(r == leaf.row for r, _ in entry.leaves):
                entry.leaves.append((leaf.row, leaf.weight))
        name = leaf.text if sub is None else f"{indicator.text} - {sub.text}"
        self.items.append({"row": row, "slots": slots, "indicator": name, "indicator_row": leaf.row,
                           "weight": leaf.weight, "item_weight": item_weight, "question": question, "kind": kind,
                           "answer": self.answer(row, kind), "note": self.note(row)})

    def answer(self, row: int, kind: AnswerType):
        """Return the item's answer as the form's kind reads it, None when blank, or _BAD after a problem."""
        column = self.answer_column
        if not self.saved(row, column, "jawaban"):
            return _BAD
        value = self.grid.value(row, column)
        if value is None:
            return None
        if isinstance(value, str):
            value = decode_excel_escapes(value)
        spelled = self.form.spellings.get(kind.key, {}).get(component_key(text_value(value)))
        if spelled is not None:
            value = spelled
        try:
            if kind.choices or not kind.scored:
                kind.value(value)
                return next((c for c in kind.choices if component_key(c) == component_key(text_value(value))),
                            value)
            number = _decimal(value)
            if number is None:
                raise InvalidValue(f"jawaban tidak sesuai jenis jawaban '{kind.name}'; diharapkan angka, mis. 87,5")
            if kind.key in self.form.shares and (row, column) not in self.grid.percent and number <= 1 and \
                    not (isinstance(value, str) and "%" in value):
                number *= 100  # a share: 0,9 (a formula dividing two Jumlah rows) is 90 %
            kind.value(number)
            return number
        except InvalidValue as exc:
            self.add(row, column, f"sel {cell_name(row, column)}: {exc}", found=text_value(value))
            return _BAD

    def note(self, row: int) -> str:
        value = self.cell(row, "catatan")
        return text_value(decode_excel_escapes(value) if isinstance(value, str) else value) if value is not None \
            else ""

    def finish(self) -> list[FormItem]:
        """Return the items, Jumlah rows filling the percentage above them that has no answer of its own."""
        filled = []
        for i, item in enumerate(self.items):
            if item["answer"] is None and item["kind"].key in self.form.shares:
                inputs = []
                for later in self.items[i + 1:]:
                    if later["indicator_row"] != item["indicator_row"] or later["kind"].scored:
                        break
                    inputs.append(later["answer"])
                if len(inputs) == 2 and all(isinstance(v, Decimal) for v in inputs) and inputs[0] > 0:
                    item["answer"] = inputs[1] / inputs[0] * 100
                    filled.append(item["row"])
        if filled:
            rows = ", ".join(str(r + 1) for r in filled)
            self.notes.append(f"jawaban persentase pada baris {rows} kosong dan dihitung dari dua baris Jumlah di "
                              "bawahnya (jumlah kedua dibagi jumlah pertama)")
        items = []
        feeding_refused = False  # Jumlah rows under a refused percentage: its inputs, not to be checked alone
        for item in self.items:
            if not item["kind"].scored and feeding_refused:
                continue
            feeding_refused = False
            if item["answer"] is None:
                self.add(item["row"], self.answer_column, f"jawaban kosong pada sel "
                         f"{cell_name(item['row'], self.answer_column)}; isi jawaban butir ini "
                         f"({item['kind'].name})")
            if item["answer"] is None or item["answer"] is _BAD:
                self.rejected.append(item["slots"])
                feeding_refused = item["kind"].scored
                continue
            items.append(FormItem(item["row"] + 1, item["slots"], item["indicator"], item["indicator_row"] + 1,
                                  item["weight"], item["item_weight"], item["question"], item["kind"],
                                  item["answer"], item["note"]))
        return items

    def check_sections(self, entries: list[_Entry]) -> None:
        """Warn where a section or indicator row's weight is not the sum of its indicators' weights."""
        for entry in entries:
            if entry.weight is None or not entry.leaves or entry.weight < 0:
                continue
            total = sum((w for _, w in entry.leaves), Decimal(0))
            if fmt_score(total) != fmt_score(entry.weight):
                self.warn(f"bobot baris {entry.row + 1} ('{entry.text[:40]}') {fmt_score(entry.weight)}, sedangkan "
                          f"jumlah bobot indikator di bawahnya {fmt_score(total)}; nilai dihitung dari bobot "
                          "indikator", row=entry.row + 1)


_BAD = object()  # an answer already reported


def read_form(grid: Grid, form: FormRules, names: dict[str, dict[str, str]], problems: ProblemCollector,
              answers: str = "unit") -> FormSheet | None:
    """Return the sheet read in the form's layout, or None when its header is not found (the caller refuses).

    `names` maps reduced names (regulations.component_key) to what a section row so named sets: the areas of
    the caller's rules. Every problem goes to `problems`, naming its cell.
    """
    found = find_header(grid, form)
    if found is None:
        return None
    block, roles = found
    labels = {role: " ".join(block.parts[column]) or _ROLE_LABELS.get(role, role) for role, column in roles.items()}
    where = {"sheet": grid.sheet} if grid.sheet and len(grid.sheets) > 1 else {}
    last = block.index + block.count
    rows = str(block.index + 1) if block.count == 1 else f"{block.index + 1}-{last}"
    if answers == "tpi" and "jawaban_tpi" not in roles:
        problems.add(grid.file, f"lembar kerja tidak memiliki kolom jawaban Tim Penilai Internal (TPI) pada baris "
                     f"judul kolom (baris {rows}); kolom yang ada: "
                     + ", ".join(f"'{label}'" for label in labels.values()), row=block.index + 1, **where)
        return None
    start = block.index + block.count
    first = next((r for r in range(start, len(grid.rows)) if any(cell_text(v) for v in grid.rows[r])), None)
    if first is not None and is_numbering_row(grid.rows[first]):
        start = first + 1
    year, year_row = title_year(grid, form, block.index)
    reader = _Reader(grid, form, names, problems, roles, labels, answers)
    said = [f"{form.name} dibaca dalam bentuk resminya: judul kolom baris {rows}"]
    if year is not None:
        said.append(f"tahun {year} dari judul (baris {year_row})")
    said.append(f"jawaban {ANSWERED_BY[answers]} (kolom '{labels['jawaban_tpi' if answers == 'tpi' else 'jawaban']}')")
    if "jawaban_tpi" in roles and answers != "tpi":
        said.append(f"kolom '{labels['jawaban_tpi']}' (jawaban Tim Penilai Internal) tidak dibaca")
    reader.read(start)
    items = reader.finish()
    problems.notice(grid.file, "; ".join(said + reader.notes), **reader.where)
    reader.check_sections(reader.entries)
    return FormSheet(grid.file, grid.sheet, form, year, year_row, answers, tuple(items), rows, labels,
                     tuple(reader.rejected))
