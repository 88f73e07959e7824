"""Read a YAML input file, turning syntax errors into a problem with its line."""

from __future__ import annotations

from pathlib import Path

import yaml

from reportgen.errors import InputError, Problem


class _Loader(yaml.SafeLoader):
    """The safe loader, except that an impossible date (2021-02-30) stays text for the schema to report."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def read_yaml(path: Path) -> object:
    """Return the parsed content of a YAML file, or raise InputError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(str(path), "berkas tidak ditemukan")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8")]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"baris {mark.line + 1}, " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError([Problem(str(path), f"{line}format YAML tidak sah: {reason}")]) from None
