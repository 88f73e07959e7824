"""Read a YAML input file, turning syntax errors into a problem with its line.

The files are hand-written settings: anchors and aliases (`&a`, `*a`) are refused, so a "billion laughs"
file cannot make a run spin, and a key given twice in one mapping is refused naming both lines instead of
silently keeping the last.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from reportgen.errors import InputError, Problem, system_reason

# A settings file is written by hand: a few kilobytes, a long report's texts some hundreds. The pure-Python
# parser takes seconds per megabyte, so a larger file is refused by its size before it is read.
MAX_YAML_BYTES = 4 * 1024 * 1024


class _Refused(Exception):
    """A YAML construct the settings files may not use, with the line it starts on (1-based)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """The safe loader without anchors, aliases or repeated keys; an impossible date (2021-02-30) stays text."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark.line + 1,
                           f"alias YAML '*{event.anchor}' tidak diizinkan; tulis nilainya langsung")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise _Refused(event.start_mark.line + 1,
                           f"anchor YAML '&{event.anchor}' tidak diizinkan; tulis nilainya langsung")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    continue  # the base class reports an unhashable key
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise _Refused(line, f"kunci '{key}' ditulis dua kali (baris {seen[key]} dan baris {line}); "
                                         "hapus salah satunya")
                seen[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def read_yaml(path: Path) -> object:
    """Return the parsed content of a YAML file, or raise InputError naming file and line."""
    return read_yaml_lines(path)[0]


def _lines(node, path: tuple, found: dict[tuple, int]) -> None:
    """Record the line (1-based) of every key and list item under `node`, by its path of keys and indexes."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                here = path + (key_node.value,)
                found.setdefault(here, key_node.start_mark.line + 1)
                _lines(value_node, here, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here = path + (index,)
            found[here] = item.start_mark.line + 1
            _lines(item, here, found)


def _load(text: str) -> tuple[object, dict[tuple, int]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[tuple, int] = {}
        _lines(node, (), lines)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


SettingsLoader = _Loader  # what inputs/yaml_edit.py composes a file with, to change it in place


def parse_yaml(text: str) -> tuple[object, dict[tuple, int]]:
    """Return the parsed content of a YAML text and the line of each key (see `read_yaml_lines`); raise
    yaml.YAMLError (or a refusal) as the file readers handle."""
    return _load(text)


def read_yaml_lines(path: Path) -> tuple[object, dict[tuple, int]]:
    """Return the parsed content of a YAML file and the line each key and list item stands on (by its path,
    e.g. ("tata_letak", "margin_kiri") or ("menimbang", 2), indexes from 0), or raise InputError naming file
    and line."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_YAML_BYTES:
            raise InputError([Problem(str(path), f"berkas berukuran {size:,} bita, lebih dari batas ".replace(",", ".")
                                      + f"{MAX_YAML_BYTES // (1024 * 1024)} MB untuk berkas pengaturan YAML; "
                                      "berkas pengaturan hanya berisi teks yang diketik")])
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(str(path), "berkas tidak ditemukan")]) from None
    except IsADirectoryError:
        raise InputError([Problem(str(path), "berupa folder, bukan berkas YAML")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8")]) from None
    except OSError as exc:
        raise InputError([Problem(str(path), f"berkas tidak dapat dibaca ({system_reason(exc)})")]) from None
    try:
        return _load(text)
    except _Refused as exc:
        raise InputError([Problem(str(path), f"baris {exc.line}, {exc.message}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"baris {mark.line + 1}, kolom {mark.column + 1}, " if mark is not None else ""
        reason = yaml_reason(getattr(exc, "problem", None) or str(exc), getattr(exc, "context", None))
        raise InputError([Problem(str(path), f"{line}format YAML tidak sah: {reason}")]) from None
    except RecursionError:
        raise InputError([Problem(str(path), "struktur YAML terlalu dalam bersarang")]) from None


# What PyYAML's messages mean, in the words of someone who edits the file in Notepad (the English stays out).
_REASONS = (
    ("found character '\\t'", "ada karakter tab; YAML hanya menerima spasi untuk menjorokkan baris"),
    ("mapping values are not allowed", "ada titik dua (:) di tempat yang salah; teks yang memuat ': ' "
                                       "harus diapit tanda petik, mis. tentang: \"Tim: Tahun 2021\""),
    ("could not find expected ':'", "baris ini bukan pasangan kunci: nilai, atau teks sebelumnya belum selesai"),
    ("did not find expected key", "penjorokan (spasi di awal baris) tidak sejajar dengan baris di atasnya"),
    ("did not find expected '-' indicator", "butir daftar (-) tidak sejajar dengan butir di atasnya"),
    ("expected ',' or ']'", "tanda kurung siku [ ] belum ditutup"),
    ("expected ',' or '}'", "tanda kurung kurawal { } belum ditutup"),
    ("found unexpected end of stream", "tanda petik belum ditutup"),
    ("found unknown escape character", "garis miring terbalik (\\) di dalam tanda petik ganda; pakai tanda petik "
                                      "tunggal atau tulis \\\\"),
    ("found undefined alias", "alias (*nama) tidak dikenal"),
    ("found a tab character", "ada karakter tab; YAML hanya menerima spasi untuk menjorokkan baris"),
    ("expected <block end>", "penjorokan (spasi di awal baris) tidak sejajar dengan baris di atasnya"),
    ("expected a single document", "berkas memuat lebih dari satu dokumen (---); tulis satu saja"),
)


def yaml_reason(problem: str, context: str | None = None) -> str:
    """Return the Indonesian reason for one of PyYAML's parse problems."""
    text = f"{problem} {context or ''}"
    for english, indonesian in _REASONS:
        if english in text:
            return indonesian
    return "periksa penjorokan, titik dua dan tanda petik di sekitar baris itu"
