"""A year's input files as the page shows them: each one's state (missing, valid, N problems), an upload
validated at once in place (in a shadow of the inputs folder), a rejected upload kept aside with its problems."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import tempfile
import threading
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reportgen.documents.kinds import Request
from reportgen.documents.registry import all_kinds, catalogue, readers
from reportgen.errors import InputError, Problem, ProblemCollector, ReportgenError
from reportgen.guards.archives import WORKBOOK_LIMITS, ArchiveRefused, check_archive
from reportgen.inputs.catalogue import FORMATS, UNIT_PROFILE, InputFile
from reportgen.inputs.profile import Profile
from reportgen.output.atomic import write_atomic
from reportgen.unit import Unit
from reportgen.web.unit_settings import (REGISTER_KEY, Pending, PendingChanges, file_sha256, register_moved,
                                         trust_changes)
from reportgen.web.messages import sorted_problems, with_found
from reportgen.web.wording import moment, problem_for_page

TYPE_NAMES = FORMATS


def all_inputs() -> tuple[InputFile, ...]:
    """Return every input file of the catalogue: the unit's own, then each registered kind's (a kind added
    later shows up on the page without a change here)."""
    return catalogue()


def find_spec(name: str) -> InputFile:
    """Return the input named `name` (only names of the catalogue are ever used as file names)."""
    for spec in all_inputs():
        if spec.name == name:
            return spec
    raise KeyError(name)


@dataclass
class InputState:
    """What the page says of one input: present or not, its problems and warnings, a rejected upload."""

    spec: InputFile
    present: bool
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejected: dict | None = None  # the last upload kept aside: when, original name, its problems
    carried: bool = False         # the same bytes as the year before's: copied by 'Mulai tahun baru', not yet changed
    feeds: tuple[str, ...] = ()   # the documents it is read for, as users name them

    @property
    def label(self) -> str:
        if not self.present:
            return "belum ada" if self.spec.required else "tidak wajib, belum ada"
        if self.problems:
            return f"{len(self.problems)} masalah"
        return "dari tahun lalu, periksa" if self.carried else "sah"

    @property
    def level(self) -> str:
        if self.present and not self.problems:
            return "carried" if self.carried else "ok"
        return "info" if not self.present and not self.spec.required else "bad"


def content_problem(spec: InputFile, data: bytes) -> str | None:
    """Return why the bytes cannot be the input (by content, never by the file's name), or None."""
    if not data:
        return "berkas kosong"
    if spec.format == "xlsx":
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return "berkas Excel lama (.xls); buka di Excel lalu simpan sebagai Excel Workbook (.xlsx)"
        try:
            names = {part.filename for part in check_archive(data, WORKBOOK_LIMITS)}  # before any parser reads it
        except ArchiveRefused as exc:
            return f"ditolak sebelum dibaca: {exc.why}"
        except (zipfile.BadZipFile, ValueError, EOFError):
            return f"bukan {TYPE_NAMES['xlsx']}; simpan berkasnya dari Excel sebagai Excel Workbook (.xlsx)"
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            return f"bukan {TYPE_NAMES['xlsx']} (berkas ZIP lain, mis. dokumen Word)"
        return None
    if spec.format == "png":
        return None if data[:8] == b"\x89PNG\r\n\x1a\n" else f"bukan {TYPE_NAMES['png']}; simpan logonya sebagai PNG"
    if b"\x00" in data:
        return f"bukan {TYPE_NAMES['yaml']}: berisi data biner"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8"
    return None


def _shadow(inputs: Path, year: int, where: Path, replace: tuple[InputFile, Path] | None = None) -> Path:
    """Return a folder that looks like the inputs folder (links), with one file replaced by a candidate."""
    root = where / "inputs"
    root.mkdir()
    (root / str(year)).mkdir()
    for item in inputs.iterdir() if inputs.is_dir() else ():
        if item.name != str(year) and not (replace and replace[0].unit_level and replace[0].name == item.name):
            os.symlink(item.resolve(), root / item.name)
    year_dir = inputs / str(year)
    for item in year_dir.iterdir() if year_dir.is_dir() else ():
        if not (replace and not replace[0].unit_level and replace[0].name == item.name):
            os.symlink(item.resolve(), root / str(year) / item.name)
    if replace:
        file, candidate = replace
        shutil.copyfile(candidate, (root if file.unit_level else root / str(year)) / file.name)  # a copy: the profile
        # finds its logo beside itself, wherever a link would lead
    return root


def validate(inputs: Path, year: int, candidate: tuple[InputFile, Path] | None = None) -> dict[str, list[Problem]]:
    """Return every problem of the year's inputs (one file replaced by a candidate), by file name."""
    found: dict[str, list[Problem]] = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-web-") as work:
        root = _shadow(Path(inputs), year, Path(work), candidate)
        problems = ProblemCollector()
        shadow = Unit(root)
        try:
            profile = shadow.profile
        except InputError as exc:
            profile = None
            problems.problems.extend(exc.problems + exc.warnings)
        except ReportgenError as exc:
            profile = None
            problems.add(str(root / UNIT_PROFILE.name), exc.render(shadow.show))
        if profile is not None:
            names = {p.name for p in (root / str(year)).iterdir()}
            keys = {k.key for spec in all_inputs() if spec.name in names for k in readers(spec)}
            for kind in (k for k in all_kinds() if k.key in keys):  # the registry's order
                if not any(f.name in names for f in kind.inputs):
                    continue
                request = Request(shadow, profile, year, kind.options())
                try:
                    kind.load(request, problems)
                except InputError as exc:
                    problems.problems.extend(exc.problems + exc.warnings)
                except ReportgenError as exc:
                    problems.add(str(root / str(year) / kind.inputs[0].name), exc.render(shadow.show))
        by_file: dict[str, list[Problem]] = {}
        for problem in dict.fromkeys(problems.problems):
            by_file.setdefault(problem.file, []).append(problem)
        for file, listed in by_file.items():
            for problem in with_found(listed, Path(file)):  # the cell's value, where the message only says it
                found.setdefault(Path(problem.file).name, []).append(problem_for_page(problem, shadow))
    return {name: sorted_problems(listed) for name, listed in found.items()}


class YearInputs:
    """The inputs of every year of one server: states (cached by the files' times) and uploads."""

    def __init__(self, unit: Unit, uploads: Path):
        self.unit, self.uploads = unit, Path(uploads)
        self.inputs = unit.inputs
        self.cache: dict[int, tuple[tuple, dict]] = {}
        self.lock = threading.Lock()
        self.pending = PendingChanges(self.uploads / "pengaturan")

    def path(self, year: int, spec: InputFile) -> Path:
        """Return where the input lives in the inputs folder."""
        return self.inputs / spec.name if spec.unit_level else self.unit.year_file(year, spec.name)

    def years(self) -> list[int]:
        """Return the years that have a folder of inputs, newest first."""
        return self.unit.years()

    def _signature(self, year: int) -> tuple:
        files = [self.inputs / UNIT_PROFILE.name] + sorted((self.inputs / str(year)).glob("*"))
        return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())

    def problems(self, year: int) -> dict[str, list[Problem]]:
        """Return the problems of the year's inputs as they are, by file name (cached until a file changes)."""
        signature = self._signature(year)
        with self.lock:
            cached = self.cache.get(year)
            if cached and cached[0] == signature:
                return cached[1]
        found = validate(self.inputs, year)
        with self.lock:
            self.cache[year] = (signature, found)
        return found

    def states(self, year: int) -> list[InputState]:
        """Return the state of every input of the year."""
        found = self.problems(year)
        rejected = self._rejected(year)
        states = []
        for spec in all_inputs():
            mine = found.get(spec.name, [])
            path = self.path(year, spec)
            states.append(InputState(spec, path.is_file(), [p for p in mine if not p.warning],
                                     [p for p in mine if p.warning], rejected.get(spec.name),
                                     carried=not spec.unit_level and _same_file(path, self.unit.year_file(year - 1,
                                                                                                          spec.name)),
                                     feeds=tuple(k.title for k in readers(spec))))
        return states

    def rejected_path(self, year: int, spec: InputFile) -> Path | None:
        """Return the last rejected upload of the input, kept aside (None when there is none)."""
        record = self._rejected(year).get(spec.name)
        stored = record.get("stored") if record else None
        return self.uploads / str(year) / stored if stored else None

    def _rejected_file(self, year: int) -> Path:
        return self.uploads / str(year) / "ditolak.json"

    def _rejected(self, year: int) -> dict:
        path = self._rejected_file(year)
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def _set_rejected(self, year: int, name: str, record: dict | None) -> None:
        with self.lock:
            records = self._rejected(year)
            if record is None:
                records.pop(name, None)
            else:
                records[name] = record
            write_atomic(self._rejected_file(year), json.dumps(records, ensure_ascii=False, indent=1).encode())

    def upload(self, year: int, spec: InputFile, data: bytes, original: str, role: str = "operator",
               user: str = "") -> Outcome:
        """Validate an uploaded file in place of the year's; put it in place when it has no problem, else keep it
        aside (under a generated name) with its problems. A unit.yaml that moves the register is refused; one that
        changes the unit's name, its head or the verification address is refused for an operator and kept
        pending for a head to confirm (`confirm`)."""
        wrong = content_problem(spec, data)
        where = f"{year}/{spec.name}" if not spec.unit_level else spec.name
        if wrong:
            problems = [Problem(where, wrong)]
            self._set_rejected(year, spec.name, _record(original, problems, None))
            return Outcome(False, problems)
        folder = self.uploads / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        stored = folder / f"{secrets.token_hex(12)}.{spec.format}"
        write_atomic(stored, data)
        found = validate(self.inputs, year, (spec, stored)).get(spec.name, [])
        errors = [p for p in found if not p.warning]
        if not errors and spec.name == UNIT_PROFILE.name:
            errors, changes = self._guard_profile(year, stored, role)
            if not errors and changes:  # a head's change of a trusted setting: shown, then confirmed
                pending = self.pending.keep(year, user, original, stored, file_sha256(self.unit.profile_path),
                                            changes)
                stored.unlink()
                return Outcome(False, found, pending)
            found = errors + found
        if errors:
            old = self._rejected(year).get(spec.name)
            if old and old.get("stored") and (folder / old["stored"]).is_file():
                (folder / old["stored"]).unlink()
            self._set_rejected(year, spec.name, _record(original, found, stored.name))
            return Outcome(False, found)
        replaced = self._put_in_place(year, spec, data)
        stored.unlink()
        self._set_rejected(year, spec.name, None)
        return Outcome(True, found, replaced=replaced)

    def _put_in_place(self, year: int, spec: InputFile, data: bytes) -> bool:
        """Write the file in its place and return whether it replaced one."""
        target = self.path(year, spec)
        replaced = target.is_file()
        if replaced:  # the previous version stays in the data folder, for when a wrong file was put in place
            archive = self.uploads / str(year) / "sebelumnya"
            archive.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, archive / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{spec.name}")
        write_atomic(target, data)
        return replaced

    def _current_profile(self) -> Profile | None:
        """Return the unit's profile as it is (None when there is none, or it is not valid)."""
        try:
            return self.unit.profile if self.unit.has_profile else None
        except ReportgenError:
            return None

    def _guard_profile(self, year: int, stored: Path, role: str) -> tuple[list[Problem], list]:
        """Return why a unit.yaml is refused for the trusted settings it changes (the register's place for anyone,
        the others for an operator), and the trusted settings it changes."""
        after = candidate_profile(self.inputs, year, stored)
        before = self._current_profile()
        if register_moved(before, after):
            return [Problem(UNIT_PROFILE.name, "tempat register tidak dapat diubah dari halaman web: register dan "
                            "kunci kode verifikasinya diatur oleh pengelola server. Hapus atau kembalikan "
                            f"{REGISTER_KEY} seperti semula, lalu unggah lagi.", key=REGISTER_KEY,
                            found=str(after.register_path or "(tidak ada)"))], []
        changes = trust_changes(before, after)
        if changes and role != "pimpinan":
            return [Problem(UNIT_PROFILE.name, f"{c.label} hanya dapat diubah oleh akun pimpinan (semula "
                            f"'{c.before or '-'}'). Minta pimpinan mengunggah unit.yaml ini, atau kembalikan "
                            "isinya seperti semula.", key=c.key, found=c.after) for c in changes], changes
        return [], changes

    def confirm(self, pending: Pending) -> Outcome:
        """Put a head's confirmed unit.yaml in place, if unit.yaml is still as it was when the change was shown
        and the candidate is still valid."""
        candidate = self.pending.candidate(pending)
        if file_sha256(self.unit.profile_path) != pending.before_sha256:
            self.pending.drop(pending)
            return Outcome(False, [Problem(UNIT_PROFILE.name, "unit.yaml telah berubah sejak perubahan ini "
                                           "ditampilkan; unggah lagi agar perbedaannya ditampilkan ulang.")])
        found = validate(self.inputs, pending.year, (UNIT_PROFILE, candidate)).get(UNIT_PROFILE.name, [])
        errors = [p for p in found if not p.warning] or self._guard_profile(pending.year, candidate, "pimpinan")[0]
        if errors:
            self.pending.drop(pending)
            return Outcome(False, errors)
        replaced = self._put_in_place(pending.year, UNIT_PROFILE, candidate.read_bytes())
        self.pending.drop(pending)
        self._set_rejected(pending.year, UNIT_PROFILE.name, None)
        return Outcome(True, found, replaced=replaced)


@dataclass
class Outcome:
    """What came of an upload: accepted or not, its problems and warnings, a change waiting for confirmation."""

    accepted: bool
    problems: list[Problem]
    pending: Pending | None = None
    replaced: bool = False  # an earlier version of the file was put aside


def _same_file(path: Path, earlier: Path) -> bool:
    """Return whether two files hold the same bytes (sizes first)."""
    try:
        return path.is_file() and earlier.is_file() and path.stat().st_size == earlier.stat().st_size \
            and path.read_bytes() == earlier.read_bytes()
    except OSError:
        return False


def candidate_profile(inputs: Path, year: int, candidate: Path) -> Profile:
    """Return the profile a candidate unit.yaml gives, read in a shadow of the inputs folder (its logo beside it)."""
    with tempfile.TemporaryDirectory(prefix="reportgen-web-") as work:
        root = _shadow(Path(inputs), year, Path(work), (UNIT_PROFILE, Path(candidate)))
        return Unit(root).profile


def _record(original: str, problems: list[Problem], stored: str | None) -> dict:
    return {"at": moment(dt.datetime.now()), "original": original[-120:], "stored": stored,
            "problems": [asdict(p) for p in problems]}


def problems_of(record: dict) -> list[Problem]:
    """Return the problems kept with a rejected upload."""
    return [Problem(**p) for p in record.get("problems", [])]
