"""Document numbers in the unit's pattern, e.g. "120.05-1487 TAHUN 2021" or "440/6/SK/I/2018": format and parse."""

from __future__ import annotations

import datetime as dt
import re
import string

from reportgen.conventions.numbers import roman
from reportgen.errors import InvalidValue


class NumberPattern:
    """The unit's pattern for document numbers, e.g. "{kode}-{nomor} TAHUN {tahun}" (profile penomoran.pola).

    Fields: {kode} classification code, {nomor} serial (format specs allowed: {nomor:03d}), {tahun},
    {bulan} (01-12) and {bulan_romawi} (I-XII) of the document date.
    """

    FIELDS = ("kode", "nomor", "tahun", "bulan", "bulan_romawi")
    MAX_WIDTH = 12  # the widest a field may be written ({nomor:05d}); a number is never wider
    MAX_FIELDS = 20  # literal pieces and fields together
    _REGEX = {"kode": r"(?P<kode>\S+?)", "nomor": r"(?P<nomor>\d+)", "tahun": r"(?P<tahun>\d{4})",
              "bulan": r"\d{1,2}", "bulan_romawi": r"[IVX]+"}

    def __init__(self, text: str):
        self.text = str(text)
        try:
            parts = list(string.Formatter().parse(self.text))
        except ValueError:
            raise InvalidValue("pola nomor tidak sah: kurung kurawal { } tidak berpasangan; "
                               "contoh: {kode}-{nomor} TAHUN {tahun}") from None
        names = [name for _, name, _, _ in parts if name is not None]
        self._check_sizes(parts)
        unknown = sorted({n for n in names if n not in self.FIELDS})
        if unknown:
            raise InvalidValue(f"isian pola nomor tidak dikenal: {', '.join(unknown)}; isian yang sah: "
                               + ", ".join("{" + f + "}" for f in self.FIELDS))
        if "nomor" not in names or "kode" not in names:
            raise InvalidValue("pola nomor harus memuat {kode} dan {nomor}; contoh: {kode}-{nomor} TAHUN {tahun}")
        regex, seen = "", set()
        for literal, name, _, _ in parts:
            regex += "".join(r"\s*" if piece.isspace() else re.escape(piece)
                             for piece in re.split(r"(\s+)", literal) if piece)
            if name is not None:
                piece = self._REGEX[name]
                regex += re.sub(r"\?P<\w+>", "?:", piece) if name in seen else piece
                seen.add(name)
        self._parse = re.compile(regex, re.IGNORECASE)
        try:
            self.format("000", 1, dt.date(2000, 1, 1))
        except (ValueError, IndexError):
            raise InvalidValue("pola nomor tidak sah: format isian tidak dapat dipakai; "
                               "contoh: {kode}-{nomor} atau {kode}/{nomor:03d}/{tahun}") from None

    @classmethod
    def _check_sizes(cls, parts: list) -> None:
        """Refuse a pattern whose fields would write a huge number ({nomor:0>999999999} is a gigabyte), nest
        fields in a format, or repeat fields without end."""
        if len(parts) > cls.MAX_FIELDS:
            raise InvalidValue(f"pola nomor memuat {len(parts)} isian; paling banyak {cls.MAX_FIELDS}, mis. "
                               "{kode}/{nomor:03d}/{bulan_romawi}/{tahun}")
        for _, name, spec, _ in parts:
            if not spec:
                continue
            if "{" in spec or "}" in spec:
                raise InvalidValue(f"format isian {{{name}:{spec}}} tidak boleh memuat isian lain; contoh: "
                                   "{nomor:03d}")
            widest = max((int(n) for n in re.findall(r"\d+", spec)), default=0)
            if widest > cls.MAX_WIDTH:
                raise InvalidValue(f"lebar isian {{{name}:{spec}}} terlalu besar ({widest}); paling banyak "
                                   f"{cls.MAX_WIDTH}, mis. {{nomor:03d}}")

    def format(self, code: str, serial: int, date: dt.date) -> str:
        """Return the number of a document: its code, serial and date in the pattern."""
        return self.text.format(kode=code, nomor=serial, tahun=date.year, bulan=f"{date.month:02d}",
                                bulan_romawi=roman(date.month))

    def year_of(self, number: str) -> int | None:
        """Return the year a number written in this pattern names ({tahun}), or None when it names none."""
        match = self._parse.fullmatch(" ".join(str(number).split()))
        found = match.groupdict().get("tahun") if match else None
        return int(found) if found else None

    def parse(self, number: str, year: int) -> tuple[str, int] | None:
        """Return (code, serial) of a number written in this pattern for `year`, or None."""
        match = self._parse.fullmatch(" ".join(str(number).split()))
        if not match:
            return None
        found = match.groupdict()
        if found.get("tahun") and int(found["tahun"]) != year:
            return None
        return found["kode"], int(found["nomor"])
