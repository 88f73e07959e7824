"""What is wrong in a settings file, in Indonesian: one table of messages keyed by pydantic's error type, and
the function that turns a pydantic ValidationError into problems with file, key, YAML line, what was found
and what is allowed.

Every message a settings file can get is in MESSAGES; an error type the table does not know falls back to
"nilai tidak sah" with what is allowed, never to pydantic's English.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Annotated, get_args

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from reportgen.conventions.settings_schema import (constraints, field_extra, is_model, item_type, key_of, shape,
                                                   union_members)
from reportgen.errors import Problem

_WRONG_TYPE = "harus berupa {expected}, bukan {kind}{example}"
_DATE = "tanggal harus berbentuk TTTT-BB-HH, mis. 2021-03-17"
_RANGE = "harus {expected}{example}"

# pydantic's error types (and reportgen's own, raised by the validators of settings_schema.py) -> message.
# Placeholders: {label} the field's label, {name} its key, {expected} what is allowed, {kind} what was found,
# {valid} the keys a section allows, {suggestion} a close valid key, {noun} what a list holds, and the
# error's own context (max_length, min_length, actual_length, code, reason).
MESSAGES: dict[str, str] = {
    # a key missing, empty, or unknown
    "missing": "{label} wajib diisi{example}",
    "missing_section": "bagian wajib ini tidak ada; tulis dengan kunci: {valid}",
    "empty_item": "{noun} kosong; isi atau hapus {noun} ini",
    "empty_optional": "{label} kosong; isi, atau hapus kunci ini untuk memakai isi bawaan",
    "extra_forbidden": "kunci tidak dikenal; kunci yang sah{where}: {valid}{suggestion}",
    "not_a_mapping": "harus berisi pasangan kunci: nilai{example}",
    # a value of the wrong type
    "string_type": _WRONG_TYPE,
    "string_unicode": _WRONG_TYPE,
    "int_type": _WRONG_TYPE,
    "int_parsing": _WRONG_TYPE,
    "int_from_float": _WRONG_TYPE,
    "float_type": _WRONG_TYPE,
    "float_parsing": _WRONG_TYPE,
    "number_type": _WRONG_TYPE,
    "bool_type": _WRONG_TYPE,
    "bool_parsing": _WRONG_TYPE,
    "list_type": _WRONG_TYPE,
    "tuple_type": _WRONG_TYPE,
    "dict_type": _WRONG_TYPE,
    "model_type": _WRONG_TYPE,
    "model_attributes_type": _WRONG_TYPE,
    "union_tag_invalid": _WRONG_TYPE,
    "literal_error": "harus {expected}",
    # sizes and ranges
    "string_too_short": "paling sedikit {min_length} karakter",
    "string_too_long": "terlalu panjang ({length} karakter); paling banyak {max_length} karakter",
    "too_short": "paling sedikit {min_length} {noun}",
    "too_long": "paling banyak {max_length} {noun}; ditemukan {actual_length}",
    "greater_than_equal": _RANGE,
    "greater_than": _RANGE,
    "less_than_equal": _RANGE,
    "less_than": _RANGE,
    # dates
    "date_format": _DATE,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    # what the validators of settings_schema.py find
    "control_character": "berisi karakter kendali/tak terlihat (kode U+{code}) yang akan merusak dokumen; hapus dan "
                         "ketik ulang",
    "number_needs_quotes": "tulis {label} di antara tanda petik agar angka nol tidak hilang, mis. {name}: "
                           "\"{example_value}\"",
    "convention": "{reason}",  # a convention's own message (a NIP, a number pattern, a verification URL, a logo)
    # anything else pydantic may say
    "other": "nilai tidak sah; harus berupa {expected}{example}",
}

# What kind of value was found, as a clerk would name it.
_FOUND_KINDS = ((bool, "ya/tidak (true/false)"), (dt.datetime, "tanggal dan jam"), (dt.date, "tanggal"),
                (str, "teks"), (int, "angka"), (float, "angka"), (list, "daftar"), (dict, "bagian berisi kunci"))
FOUND_MAX = 80  # characters of a found value shown in a message


@dataclass(frozen=True)
class Where:
    """Where an error's location points in a model: the key as written, its YAML path, the field (of the list,
    for an item), the annotation at that place, the model holding the last key, and whether it is a list item."""

    key: str
    path: tuple
    field: FieldInfo | None
    annotation: Any
    parent: type[BaseModel] | None
    item: bool


def locate(model: type[BaseModel], loc: tuple) -> Where:
    """Return where pydantic's `loc` points in `model` (union tags skipped, list indexes shown from 1)."""
    annotation: Any = model
    field = parent = None
    key, path, item = "", (), False
    for part in loc:
        base = shape(annotation).base if annotation is not None else None
        members = union_members(base)
        if members and isinstance(part, str):
            match = next((t for tag, t in members if tag == part), None)
            if match is not None:
                annotation = match
                continue
        items = item_type(base)
        if isinstance(part, int) and items is not None:
            annotation, key, path, item = items, f"{key}[{part + 1}]", path + (part,), True
            continue
        name = str(part)
        key, path, item = (f"{key}.{name}" if key else name), path + (name,), False
        if is_model(base):
            parent = base
            field = next((f for n, f in base.model_fields.items() if key_of(n, f) == name), None)
            annotation = None if field is None else (
                Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation)
        else:
            field = annotation = None
    return Where(key, path, field, annotation, parent, item)


def _number(value) -> str:
    """Return a bound as a clerk writes it: 10, 0,5."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _either(values) -> str:
    values = [str(v) for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " atau " + values[-1]


def _range(word: str, limits: dict, unit: str | None) -> str:
    low = limits.get("ge", limits.get("gt"))
    high = limits.get("le", limits.get("lt"))
    above = "lebih dari " if "gt" in limits else ""
    if low is not None and high is not None:
        text = f"{word} {above}{_number(low)} sampai {_number(high)}"
    elif low is not None:
        text = f"{word} lebih dari {_number(low)}" if above else f"{word} {_number(low)} atau lebih"
    elif high is not None:
        text = f"{word} paling besar {_number(high)}"
    else:
        text = word
    return f"{text} ({unit})" if unit else text


def expected(annotation: Any, unit: str | None = None) -> str:
    """Return in words what a value of `annotation` must be ("angka 10 sampai 50 (milimeter)", "teks")."""
    from reportgen.conventions.settings_schema import Kind

    if annotation is None:
        return "nilai yang sah"
    found = shape(annotation)
    base, metadata = found.base, found.metadata
    members = union_members(base)
    if members:
        return _either(dict.fromkeys(expected(t) for _, t in members))
    items = item_type(base)
    if items is not None:
        return f"daftar {expected(items)}"
    if is_model(base):
        return "bagian berisi kunci: " + ", ".join(key_of(n, f) for n, f in base.model_fields.items())
    kind = next((m.name for m in reversed(metadata) if isinstance(m, Kind)), None)
    limits = constraints(metadata)
    if kind == "number" or base is float:
        return _range("angka", limits, unit)
    if kind == "integer" or base is int:
        return _range("bilangan bulat", limits, unit)
    if kind == "date":
        return "tanggal berbentuk TTTT-BB-HH, mis. 2021-03-17"
    if kind == "nip":
        return "NIP 18 angka, mis. 19700101 200003 1 001"
    if kind == "choice":
        return _either(get_args(base))
    if base is bool:
        return "ya atau tidak (true atau false)"
    return "teks"


def _label(field: FieldInfo | None, where: Where) -> str:
    """Return a field's label as it reads inside a sentence ("Tanggal penetapan" -> "tanggal penetapan")."""
    label = (field.title if field is not None and field.title else where.key.rsplit(".", 1)[-1]) or "nilai"
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def found_kind(value: object) -> str:
    """Return what kind of value was found, in words ("teks", "angka", "daftar")."""
    if value is None:
        return "kosong"
    return next((word for kind, word in _FOUND_KINDS if isinstance(value, kind)), "nilai lain")


def _shown(value: object) -> str | None:
    """Return a found value as the message quotes it (None for a list or a section)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float, dt.date)):
        text = str(value)
        return text if len(text) <= FOUND_MAX else text[:FOUND_MAX - 3] + "..."
    return None


def _line(path: tuple, lines: dict[tuple, int] | None) -> int | None:
    """Return the YAML line of `path`, or of the nearest enclosing key the file has."""
    if not lines:
        return None
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _message_key(kind: str, value: object, where: Where) -> str:
    """Return which message of the table fits the error (an empty or absent value has its own)."""
    base = shape(where.annotation).base if where.annotation is not None else None
    empty = value is None and kind != "missing" and kind != "extra_forbidden"
    if kind == "missing" or empty:
        if where.item:
            return "empty_item"
        return "missing_section" if is_model(base) else "missing"
    if kind == "string_too_short" and constraints(shape(where.annotation).metadata).get("min_length") == 1:
        if where.item:
            return "empty_item"
        return "missing" if where.field is not None and where.field.is_required() else "empty_optional"
    if kind == "model_type" and not where.path:
        return "not_a_mapping"
    return kind if kind in MESSAGES else "other"


def problem(error: dict, model: type[BaseModel], file: str, lines: dict[tuple, int] | None = None) -> Problem:
    """Return the problem one pydantic error (an item of ValidationError.errors()) describes."""
    kind, value, context = error["type"], error.get("input"), dict(error.get("ctx") or {})
    where = locate(model, tuple(error["loc"]))
    key = _message_key(kind, value, where)
    extra = field_extra(where.field)
    unit = extra.get("unit")
    example = extra.get("example")
    allowed = (extra.get("expected") if not where.item else None) or expected(where.annotation, unit)
    if where.item:
        example = None  # the list's example, not an item's
    holder = where.parent if key == "extra_forbidden" else shape(where.annotation).base
    valid = [key_of(n, f) for n, f in holder.model_fields.items()] if key in ("extra_forbidden",
                                                                               "missing_section") else []
    close = difflib.get_close_matches(where.path[-1], valid, n=1, cutoff=0.7) if key == "extra_forbidden" else []
    parent_key = where.key.rsplit(".", 1)[0] if "." in where.key else ""
    model_example = (model.model_config.get("json_schema_extra") or {}).get("example")
    fill = {
        **{k: str(v) for k, v in context.items()},
        "label": _label(where.field, where), "name": where.path[-1] if where.path else "",
        "expected": allowed, "kind": found_kind(value), "valid": ", ".join(valid),
        "suggestion": f"; maksud Anda '{close[0]}'?" if close else "",
        "where": f" di '{parent_key}'" if key == "extra_forbidden" and parent_key else "",
        "noun": extra.get("noun") or "butir",
        "example": (f"; contoh: {example}" if example else "") if where.path else
                   (f", mis. '{model_example}'" if model_example else ""),
        "example_value": example or "", "length": len(value) if isinstance(value, str) else "",
    }
    message = MESSAGES[key].format(**fill)
    found = None
    if key not in ("missing", "missing_section", "extra_forbidden", "string_too_long", "empty_item", "empty_optional",
                   "not_a_mapping"):
        found = _shown(value)
        if found is not None and f"{found!r}" in message:
            found = None  # the convention's message already quotes it
    line = None if kind == "missing" and where.path not in (lines or {}) else _line(where.path, lines)
    return Problem(file=file, message=message, key=where.key or None, row=line, found=found)


def settings_problems(error: ValidationError, model: type[BaseModel], file: str | Path,
                      lines: dict[tuple, int] | None = None) -> list[Problem]:
    """Return every problem a ValidationError of `model` holds, each with its file, key, line and found value."""
    return [problem(e, model, str(file), lines) for e in error.errors(include_url=False)]
