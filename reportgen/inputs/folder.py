"""Where a year's inputs live: the inputs folder and the year's files (the unit's profile is `reportgen.unit`'s)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ReportgenError, mention


@dataclass(frozen=True)
class InputFolder:
    """An inputs folder: `unit.yaml` at its top and one sub-folder per year."""

    root: Path

    def __post_init__(self) -> None:
        if not self.root.is_dir():
            raise ReportgenError(mention("Folder masukan tidak ditemukan: ", self.root, "."), remedy="inputs")

    def latest_year(self) -> int:
        """Return the most recent year that has a folder of inputs."""
        years = [int(p.name) for p in self.root.iterdir() if p.is_dir() and p.name.isdigit() and len(p.name) == 4]
        if not years:
            raise ReportgenError(mention("Tidak ada folder tahun (mis. ", self.root / "2021",
                                         ") di folder masukan; buat foldernya"), remedy="year")
        return max(years)

    def year_file(self, year: int, name: str) -> Path:
        """Return the path of a year's input file (it may not exist)."""
        return self.root / str(year) / name
