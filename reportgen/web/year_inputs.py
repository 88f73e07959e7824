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
from reportgen.documents.registry import KINDS, find_kind
from reportgen.errors import InputError, Problem, ProblemCollector, ReportgenError
from reportgen.output.atomic import write_atomic
from reportgen.unit import Unit

PROFILE = "unit.yaml"
LOGO = "logo.png"
TOP = (PROFILE, LOGO)  # files of the inputs folder itself, shared by every year


@dataclass(frozen=True)
class InputSpec:
    """One input file the page knows: its name in the folder, what users call it, its type, the kinds that read it."""

    name: str
    title: str
    type: str                     # "xlsx", "yaml" or "png"
    kinds: tuple[str, ...] = ()   # register keys of the kinds whose loading validates it
    optional: bool = False
    blank: bool = False           # a blank template to fill can be downloaded

    @property
    def top(self) -> bool:
        return self.name in TOP


INPUTS: tuple[InputSpec, ...] = (
    InputSpec(PROFILE, "Profil unit (identitas, kop, pimpinan)", "yaml"),
    InputSpec(LOGO, "Logo kop surat (kop.logo di unit.yaml)", "png", optional=True),
    InputSpec("pegawai.xlsx", "Daftar pegawai", "xlsx", ("pakta-integritas",), blank=True),
    InputSpec("pakta-integritas.yaml", "Tanggal dan tempat pakta integritas", "yaml", ("pakta-integritas",), True),
    InputSpec("keputusan-tim-rb.yaml", "Isi keputusan Tim RB", "yaml", ("keputusan",)),
    InputSpec("tim-rb.xlsx", "Susunan Tim RB", "xlsx", ("keputusan",)),
    InputSpec("rencana-aksi.xlsx", "Rencana aksi", "xlsx", ("rencana-aksi",)),
    InputSpec("rencana-aksi.yaml", "Tanggal rencana aksi dan realisasi", "yaml", ("rencana-aksi",), True),
    InputSpec("penilaian.xlsx", "Penilaian PMPRB", "xlsx", ("laporan-capaian-rb",)),
    InputSpec("laporan.yaml", "Teks laporan capaian RB", "yaml", ("laporan-capaian-rb",), True),
)


def all_inputs() -> tuple[InputSpec, ...]:
    """Return the inputs above, then every other input file a registered kind needs (a kind added later shows
    up on the page without a change here)."""
    known = {spec.name for spec in INPUTS}
    extra = {}
    for kind in KINDS:
        for name in kind.inputs:
            suffix = Path(name).suffix.lstrip(".")
            if name not in known and suffix in ("xlsx", "yaml"):
                spec = extra.get(name)
                extra[name] = InputSpec(name, spec.title if spec else f"{kind.title}: {name}", suffix,
                                        (spec.kinds if spec else ()) + (kind.key,))
    return INPUTS + tuple(extra.values())


TYPE_NAMES = {"xlsx": "lembar kerja Excel (.xlsx)", "yaml": "berkas teks YAML (.yaml)", "png": "gambar PNG (.png)"}


def find_spec(name: str) -> InputSpec:
    """Return the input named `name` (only names of this list are ever used as file names)."""
    for spec in all_inputs():
        if spec.name == name:
            return spec
    raise KeyError(name)


@dataclass
class InputState:
    """What the page says of one input: present or not, its problems and warnings, a rejected upload."""

    spec: InputSpec
    present: bool
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejected: dict | None = None  # the last upload kept aside: when, original name, its problems

    @property
    def label(self) -> str:
        if not self.present:
            return "tidak wajib, belum ada" if self.spec.optional else "belum ada"
        return f"{len(self.problems)} masalah" if self.problems else "sah"

    @property
    def level(self) -> str:
        return "ok" if self.present and not self.problems else ("info" if not self.present and self.spec.optional
                                                                else "bad")


def content_problem(spec: InputSpec, data: bytes) -> str | None:
    """Return why the bytes cannot be the input (by content, never by the file's name), or None."""
    if not data:
        return "berkas kosong"
    if spec.type == "xlsx":
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return "berkas Excel lama (.xls); buka di Excel lalu simpan sebagai Excel Workbook (.xlsx)"
        try:
            import io
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return f"bukan {TYPE_NAMES['xlsx']}; simpan berkasnya dari Excel sebagai Excel Workbook (.xlsx)"
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            return f"bukan {TYPE_NAMES['xlsx']} (berkas ZIP lain, mis. dokumen Word)"
        return None
    if spec.type == "png":
        return None if data[:8] == b"\x89PNG\r\n\x1a\n" else f"bukan {TYPE_NAMES['png']}; simpan logonya sebagai PNG"
    if b"\x00" in data:
        return f"bukan {TYPE_NAMES['yaml']}: berisi data biner"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8"
    return None


def _shadow(inputs: Path, year: int, where: Path, replace: tuple[str, Path] | None = None) -> Path:
    """Return a folder that looks like the inputs folder (links), with one file replaced by a candidate."""
    root = where / "inputs"
    root.mkdir()
    (root / str(year)).mkdir()
    for item in inputs.iterdir() if inputs.is_dir() else ():
        if item.name != str(year) and not (replace and replace[0] == item.name):
            os.symlink(item.resolve(), root / item.name)
    year_dir = inputs / str(year)
    for item in year_dir.iterdir() if year_dir.is_dir() else ():
        if not (replace and replace[0] == item.name):
            os.symlink(item.resolve(), root / str(year) / item.name)
    if replace:
        name, candidate = replace
        shutil.copyfile(candidate, (root if name in TOP else root / str(year)) / name)  # a copy: the profile
        # finds its logo beside itself, wherever a link would lead
    return root


def _relative(problem: Problem, root: Path, year: int) -> Problem:
    """Return the problem with its file named as the user knows it (never the server's paths)."""
    name = Path(problem.file).name
    shown = name if name in TOP or not Path(problem.file).is_relative_to(root) else f"{year}/{name}"
    message = problem.message.replace(str(root) + "/", "")
    return Problem(shown, message, problem.row, problem.column, problem.found, problem.key, problem.warning)


def validate(inputs: Path, year: int, candidate: tuple[str, Path] | None = None) -> dict[str, list[Problem]]:
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
            problems.add(str(root / PROFILE), str(exc))
        if profile is not None:
            names = {p.name for p in (root / str(year)).iterdir()}
            keys = dict.fromkeys(k for spec in all_inputs() if spec.name in names for k in spec.kinds)
            for key in keys:
                kind = find_kind(key)
                if not any(n in names for n in kind.inputs):
                    continue
                request = Request(shadow, profile, year, kind.options(), Path(work))
                try:
                    kind.load(request, problems)
                except InputError as exc:
                    problems.problems.extend(exc.problems + exc.warnings)
                except ReportgenError as exc:
                    problems.add(str(root / str(year) / kind.inputs[0]), str(exc))
        for problem in dict.fromkeys(problems.problems):
            found.setdefault(Path(problem.file).name, []).append(_relative(problem, root, year))
    return found


class YearInputs:
    """The inputs of every year of one server: states (cached by the files' times) and uploads."""

    def __init__(self, unit: Unit, uploads: Path):
        self.unit, self.uploads = unit, Path(uploads)
        self.inputs = unit.inputs
        self.cache: dict[int, tuple[tuple, dict]] = {}
        self.lock = threading.Lock()

    def path(self, year: int, spec: InputSpec) -> Path:
        """Return where the input lives in the inputs folder."""
        return self.inputs / spec.name if spec.top else self.inputs / str(year) / spec.name

    def years(self) -> list[int]:
        """Return the years that have a folder of inputs, newest first."""
        return self.unit.years()

    def _signature(self, year: int) -> tuple:
        files = [self.inputs / PROFILE] + sorted((self.inputs / str(year)).glob("*"))
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
            states.append(InputState(spec, self.path(year, spec).is_file(), [p for p in mine if not p.warning],
                                     [p for p in mine if p.warning], rejected.get(spec.name)))
        return states

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

    def upload(self, year: int, spec: InputSpec, data: bytes, original: str) -> tuple[bool, list[Problem]]:
        """Validate an uploaded file in place of the year's; put it in place when it has no problem, else keep it
        aside (under a generated name) with its problems. Return (accepted, problems and warnings)."""
        wrong = content_problem(spec, data)
        where = f"{year}/{spec.name}" if not spec.top else spec.name
        if wrong:
            problems = [Problem(where, wrong)]
            self._set_rejected(year, spec.name, _record(original, problems, None))
            return False, problems
        folder = self.uploads / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        stored = folder / f"{secrets.token_hex(12)}.{spec.type}"
        write_atomic(stored, data)
        found = validate(self.inputs, year, (spec.name, stored)).get(spec.name, [])
        errors = [p for p in found if not p.warning]
        if errors:
            old = self._rejected(year).get(spec.name)
            if old and old.get("stored") and (folder / old["stored"]).is_file():
                (folder / old["stored"]).unlink()
            self._set_rejected(year, spec.name, _record(original, found, stored.name))
            return False, found
        target = self.path(year, spec)
        if target.is_file():  # the previous version stays in the data folder, for when a wrong file was put in place
            archive = folder / "sebelumnya"
            archive.mkdir(exist_ok=True)
            shutil.copy2(target, archive / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{spec.name}")
        write_atomic(target, data)
        stored.unlink()
        self._set_rejected(year, spec.name, None)
        return True, found


def _record(original: str, problems: list[Problem], stored: str | None) -> dict:
    return {"at": dt.datetime.now().strftime("%d-%m-%Y %H:%M"), "original": original[-120:], "stored": stored,
            "problems": [asdict(p) for p in problems]}


def problems_of(record: dict) -> list[Problem]:
    """Return the problems kept with a rejected upload."""
    return [Problem(**p) for p in record.get("problems", [])]
