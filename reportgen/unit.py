"""The unit's folder, found once: its profile, register, templates, output and year folders, the server's data.

Every face (the command line, the web page) makes one `Unit` from its options and hands it on; kinds receive
it through their request, `trust/` receives the register's path from it. Nothing else looks for unit.yaml,
the register or the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reportgen.errors import ReportgenError, mention
from reportgen.inputs.folder import InputFolder
from reportgen.inputs.profile import Profile, load_profile
from reportgen.trust.register import URL_SCHEMES, RegisterUrl, register_location

PROFILE_FILE = "unit.yaml"
REGISTER_FILE = "register.sqlite"
DATA_FOLDER = ".server"  # the web server's data folder inside the inputs folder, when none is given
LEGACY_DATA_FOLDER = "server"  # where earlier versions kept it: inside the output folder


@dataclass(frozen=True)
class Unit:
    """One unit's folders as the options name them: INPUTS (unit.yaml and a folder per year), OUT (documents),
    and the register, templates and server data folder given on the command line (None: the default)."""

    inputs: Path
    out: Path = Path("outputs")
    register_option: Path | str | None = None  # a file, or a postgresql:// URL
    templates_option: Path | None = None
    data_option: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", Path(self.inputs))
        object.__setattr__(self, "out", Path(self.out))

    # -- inputs ---------------------------------------------------------------------------------------
    @cached_property
    def folder(self) -> InputFolder:
        """Return the inputs folder (a ReportgenError naming --inputs when it does not exist)."""
        return InputFolder(self.inputs)

    @property
    def profile_path(self) -> Path:
        return self.inputs / PROFILE_FILE

    @property
    def has_profile(self) -> bool:
        """Return whether the inputs folder holds a unit.yaml (the web page works before it has one)."""
        return self.profile_path.is_file()

    @property
    def profile(self) -> Profile:
        """Return the validated unit profile (an InputError listing every problem), loaded once and again only
        when unit.yaml changes (the web page's unit lives as long as the server)."""
        path = self.folder.root / PROFILE_FILE
        try:
            stat = path.stat()
            signature = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            signature = None
        cached = self.__dict__.get("_profile")
        if cached is not None and signature is not None and cached[0] == signature:
            return cached[1]
        profile = load_profile(path)
        self.__dict__["_profile"] = (signature, profile)
        return profile

    def latest_year(self) -> int:
        """Return the most recent year that has a folder of inputs."""
        return self.folder.latest_year()

    def years(self) -> list[int]:
        """Return the years that have a folder of inputs, newest first (none when the folder is missing)."""
        if not self.inputs.is_dir():
            return []
        return sorted((int(p.name) for p in self.inputs.iterdir()
                       if p.is_dir() and p.name.isdigit() and len(p.name) == 4), reverse=True)

    def year_folder(self, year: int) -> Path:
        """Return INPUTS/YEAR (it may not exist)."""
        return self.inputs / str(year)

    def year_file(self, year: int, name: str) -> Path:
        """Return the path of a year's input file (it may not exist)."""
        return self.inputs / str(year) / name

    # -- the register -----------------------------------------------------------------------------------
    @property
    def legacy_register(self) -> Path:
        """Return where earlier versions kept the register by default: inside the output folder."""
        return self.out / REGISTER_FILE

    @property
    def register(self) -> Path | RegisterUrl:
        """Return the unit's register: --register, else penomoran.register in unit.yaml (a file relative to
        unit.yaml, or a postgresql:// URL), else register.sqlite beside unit.yaml. Never inside the output folder:
        the register (and the key of its verification codes) belongs to the unit, not to one run's outputs, which
        people copy and hand around.

        A register left by an earlier version inside OUT, with none yet beside unit.yaml, is refused with the
        command that moves it: starting a new one would give serial 1 again and make every code unknown.
        """
        if self.register_option is not None:
            return register_location(self.register_option)
        if not self.has_profile:
            raise ReportgenError("Register unit tidak diketahui: jalankan dari folder proyek yang berisi "
                                 "inputs/unit.yaml (--inputs DIR), atau sebutkan register dengan --register BERKAS")
        profile = self.profile
        if profile.register_path:
            if str(profile.register_path).startswith(URL_SCHEMES):
                return RegisterUrl(str(profile.register_path))
            return (profile.path.parent / str(profile.register_path)).resolve()
        path = profile.path.parent / REGISTER_FILE
        legacy = self.legacy_register
        if not path.exists() and legacy.is_file():
            raise ReportgenError(mention("Register unit kini disimpan di samping unit.yaml (", Path(path),
                                         "), bukan di folder hasil. Ditemukan register lama ", Path(legacy),
                                         ": pindahkan dulu agar nomor dan kode verifikasi berlanjut, mis. mv ",
                                         Path(legacy), " ", Path(path)), remedy="register")
        return path

    def existing_register(self) -> Path | RegisterUrl:
        """Return the unit's register, which must exist (checking files and codes needs it)."""
        path = self.register
        if not path.is_file():
            raise ReportgenError(mention("Register ", path,
                                         " tidak ditemukan: tanpa register keaslian dokumen tidak dapat diperiksa. "
                                         "Sebutkan register unit dengan --register BERKAS."))
        return path

    # -- templates, outputs, the server's data ----------------------------------------------------------
    @cached_property
    def templates(self) -> Path:
        """Return the templates folder: --templates (checked complete), else the ones shipped with reportgen."""
        from reportgen.render.template_folder import templates_dir

        return templates_dir(self.templates_option)

    def out_folder(self, year: int) -> Path:
        """Return OUT/YEAR, where a year's documents are written."""
        return self.out / str(year)

    @property
    def data(self) -> Path:
        """Return the web server's data folder (accounts, sessions, the session key, the audit log, uploads kept
        aside, runs): --data, else INPUTS/.server beside unit.yaml. Never inside the output folder, which people
        copy and hand around.

        A data folder left by an earlier version in OUT/server, with none yet in its place, is refused with the
        command that moves it: starting a new one would silently lose every account.
        """
        path = self._data_path
        legacy = self.out / LEGACY_DATA_FOLDER
        if self.data_option is None and not path.exists() and legacy.is_dir() and any(legacy.iterdir()):
            raise ReportgenError(mention("Data server (akun, sesi, log) kini disimpan di ", Path(path),
                                         ", bukan di folder hasil. Ditemukan data server lama ", Path(legacy),
                                         ": pindahkan dulu agar akun dan unggahan tetap ada, mis. mv ", Path(legacy),
                                         " ", Path(path)), remedy="data")
        return path

    @property
    def _data_path(self) -> Path:
        return Path(self.data_option) if self.data_option is not None else self.inputs / DATA_FOLDER

    def show(self, path: Path | str) -> str:
        """Return a path as the web page names it, never a server folder: relative to the inputs folder
        (2021/pegawai.xlsx), to the output folder, or to the data folder; any other file by its name."""
        if isinstance(path, RegisterUrl):
            return str(path)
        path = Path(path)
        for base in (self._data_path, self.inputs, self.out):
            for candidate, root in ((path, base), (path, _resolved(base)), (_resolved(path), _resolved(base))):
                if candidate.is_absolute() == root.is_absolute() and candidate.is_relative_to(root) \
                        and candidate != root:
                    return str(candidate.relative_to(root))
        return path.name


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
