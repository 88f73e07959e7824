"""A settings file as a form, generated from its model (inputs/settings_files.py through the catalogue): each field
labelled in Indonesian with its help, dates with a date picker, lists as rows, people chosen from the year's staff
list; what the clerk sends back made into the file's values, checked with the command line's own rules and
messages, and written into the YAML the command line reads (inputs/yaml_edit.py keeps its comments and order)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, Problem, ProblemCollector, ReportgenError
from reportgen.inputs.catalogue import InputFile

# Keys a form never shows: where the register is, which only the server's administrator sets in the file
HIDDEN = {"unit.yaml": {"penomoran.register"}}
_INDEX = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Person:
    """One row of the year's staff list a person field can be filled from."""

    name: str
    nip: str
    office: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.office})" if self.office else self.name


def descriptors(spec: InputFile) -> tuple:
    """Return the form's fields of a settings file (the model's, without the hidden keys), in the file's order."""
    from reportgen.conventions.settings_schema import field_descriptors

    hidden = HIDDEN.get(spec.name, set())
    return _without(field_descriptors(spec.model()), hidden, "")


def _without(fields, hidden: set[str], prefix: str) -> tuple:
    import dataclasses

    kept = []
    for f in fields:
        key = f"{prefix}{f.name}"
        if key in hidden:
            continue
        if f.fields:
            f = dataclasses.replace(f, fields=_without(f.fields, hidden, key + "."))
        kept.append(f)
    return tuple(kept)


def _before_validators(model, name: str) -> list:
    """Return the model's own 'before' validators of a field (e.g. a text split into paragraphs)."""
    found = []
    decorators = getattr(model, "__pydantic_decorators__", None)
    for decorator in (decorators.field_validators.values() if decorators else ()):
        if name in decorator.info.fields and decorator.info.mode == "before":
            found.append(decorator.func)
    return found


def _split_by_model(model, name: str, value):
    for func in _before_validators(model, name):
        try:
            value = func(value)
        except Exception:  # noqa: BLE001 -- a value the validator refuses is shown as it is
            return value
    return value


# ---------------------------------------------------------------- the file's values as the form shows them


def _scalar_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def form_values(fields, data, model=None) -> dict:
    """Return the values a form shows for `data` (a file's content, or what a form sent made into values): texts
    for scalars, lists of them, dicts for sections; a list item written as a text in a list of sections is the
    section's first field."""
    data = data if isinstance(data, dict) else {}
    shown = {}
    for f in fields:
        value = data.get(f.name)
        if model is not None:
            value = _split_by_model(model, f.name, value)
        shown[f.name] = _value_for_form(f, value)
    return shown


def _item_for_form(f, value):
    if f.type == "section":
        if isinstance(value, dict):
            return form_values(f.fields, value)
        if f.fields and value is not None and not isinstance(value, (list, dict)):
            return form_values(f.fields, {f.fields[0].name: value})  # one text for a section: its first field
        return form_values(f.fields, {})
    if isinstance(value, (list, dict)):
        return ""
    return _scalar_text(value)


def _value_for_form(f, value):
    if f.is_list:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        return [_item_for_form(f, item) for item in items]
    return _item_for_form(f, value)


# ---------------------------------------------------------------- what a form sent, as the file's values


def parse_name(name: str) -> list:
    """Return a field's name as its path: 'diktum[2].butir[1]' -> ['diktum', 2, 'butir', 1] (1-based)."""
    return [int(index) if index else key for key, index in _INDEX.findall(name)]


def nest(pairs) -> dict:
    """Return the (name, value) pairs a form sent as nested dicts; a list's rows are dicts keyed by row number."""
    root: dict = {}
    for name, value in pairs:
        path = parse_name(name)
        if not path or not isinstance(path[0], str):
            continue
        here = root
        for step, following in zip(path, path[1:]):
            here = here.setdefault(step, {})
            if not isinstance(here, dict):
                break
        else:
            here[path[-1]] = value
    return root


def _number(text: str):
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"-?\d+", cleaned):
        return int(cleaned)
    if re.fullmatch(r"-?\d+[.,]\d+", cleaned):
        return float(cleaned.replace(",", "."))
    return text.strip()  # not a number: the model says so, in the command line's words


def _scalar_value(f, text):
    if not isinstance(text, str):
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None
    if f.type in ("number",):
        return _number(text)
    if f.type == "integer":
        cleaned = text.strip()
        return int(cleaned) if re.fullmatch(r"-?\d+", cleaned) else cleaned
    if f.type == "date":
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            return text.strip()
    if f.type == "boolean":
        return text.strip() in ("ya", "on", "1", "true")
    if f.type == "paragraph":
        return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")).strip()
    return text.strip()


def _rows(sent) -> list:
    if isinstance(sent, dict):
        return [sent[k] for k in sorted(k for k in sent if isinstance(k, int))]
    return []


def _item_value(f, sent, textual: bool = False):
    if f.type == "section":
        value = file_values(f.fields, sent if isinstance(sent, dict) else {})
        if not value:
            return None
        if textual and len(value) == 1 and f.fields[0].name in value:
            return value[f.fields[0].name]  # a text alone: written as the text, as a person would write it
        return value
    return _scalar_value(f, sent)


def textual_items(model) -> set[str]:
    """Return the model's list fields whose items may be a text or a section (a diktum: its text, or its text and
    items): a row with only the text filled in is written as the text."""
    from reportgen.conventions.settings_schema import is_model, item_type, key_of, shape, union_members

    found = set()
    for name, field in model.model_fields.items():
        items = item_type(shape(field.annotation).base)
        members = union_members(shape(items).base) if items is not None else []
        if any(is_model(shape(t).base) for _, t in members) and any(not is_model(shape(t).base) for _, t in members):
            found.add(key_of(name, field))
    return found


def file_values(fields, sent: dict, textual: set[str] = frozenset()) -> dict:
    """Return the file's values a form sent (empty fields left out, as if their key were not written)."""
    values = {}
    for f in fields:
        raw = sent.get(f.name)
        if f.is_list:
            items = [_item_value(f, row, f.name in textual) for row in _rows(raw)]
            items = [i for i in items if i is not None]
            if items:
                values[f.name] = items
        else:
            value = _item_value(f, raw)
            if value is not None:
                values[f.name] = value
    return values


def merged(fields, model, original, sent_values: dict) -> dict:
    """Return the file's content after the form: each value the form did not change kept as the file wrote it
    (a text of paragraphs stays one text), the keys the form does not show kept as they are."""
    original = original if isinstance(original, dict) else {}
    result = {}
    names = {f.name: f for f in fields}
    for key, value in original.items():  # the file's order first
        f = names.get(key)
        if f is None:
            result[key] = value  # a key the form does not show
            continue
        if key not in sent_values:
            continue
        result[key] = _kept(f, model, value, sent_values[key])
    for key, value in sent_values.items():
        if key not in result and key in names:
            result[key] = value
    return result


def _normal(value):
    """Return form values compared as a person reads them: texts without surrounding blanks or line-end spaces."""
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.strip().split("\n"))
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    return value


def _kept(f, model, old, new):
    before = _value_for_form(f, _split_by_model(model, f.name, old) if model else old)
    if _normal(before) == _normal(_value_for_form(f, new)):
        return old
    if f.type == "section" and not f.is_list and isinstance(old, dict) and isinstance(new, dict):
        return merged(f.fields, None, old, new)
    if model is not None and isinstance(old, str) and isinstance(new, list) and _before_validators(model, f.name) \
            and all(isinstance(p, str) for p in new):
        return "\n\n".join(new)  # paragraphs written as one text stay one text
    return new


# ---------------------------------------------------------------- checking, saving


def check(spec: InputFile, content: dict, folder: Path) -> list[Problem]:
    """Return the problems of the file's content by its model, in the command line's words (its keys as the form
    names its fields)."""
    from reportgen.conventions.settings_schema import validate_settings

    problems = ProblemCollector()
    validate_settings(spec.model(), content, spec.name, problems, None, context={"folder": folder})
    return problems.problems


def yaml_text(spec: InputFile, current: bytes | None, content: dict) -> bytes:
    """Return the file's new text: the current one changed where the form changed it, or a new file."""
    from reportgen.inputs.yaml_edit import updated_yaml

    text = current.decode("utf-8-sig") if current else ""
    return updated_yaml(text, content, header=f"{spec.title}. Diisi lewat halaman web; boleh juga diubah dengan "
                                              "Notepad.").encode("utf-8")


def read_current(path: Path):
    """Return a settings file's content and bytes (None, None when it does not exist; its content None when it
    cannot be read as YAML)."""
    from reportgen.inputs.yaml_file import read_yaml

    if not path.is_file():
        return None, None
    data = path.read_bytes()
    try:
        return read_yaml(path), data
    except InputError:
        return None, data


def staff(path: Path) -> list[Person]:
    """Return the people of a year's staff list to choose from (none when there is no valid list)."""
    from reportgen.inputs.schemas.roster import load_roster

    if not path.is_file():
        return []
    try:
        signers = load_roster(path, None, ProblemCollector())
    except ReportgenError:
        return []
    from reportgen.conventions.civil_service import format_nip

    return [Person(s.name, format_nip(s.nip) if len(s.nip) == 18 else s.nip, s.office) for s in signers]


def field_id(name: str) -> str:
    """Return an HTML id for a field name ('diktum[2].butir[1]' -> 'isian-diktum-2-butir-1')."""
    return "isian-" + re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")


def problems_by_field(problems: list[Problem]) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """Return the problems by the field they name (their key), and those of no field."""
    by_key: dict[str, list[Problem]] = {}
    rest = []
    for p in problems:
        if p.key:
            by_key.setdefault(p.key, []).append(p)
        else:
            rest.append(p)
    return by_key, rest


def as_json(problems: list[Problem]) -> list[dict[str, Any]]:
    """Return problems as the form's script shows them beside their fields."""
    return [{"key": p.key or "", "message": p.message, "found": p.found, "warning": p.warning} for p in problems]


def nouns(model) -> dict[str, str]:
    """Return what each list of the model holds, by its key ("pertimbangan", "saksi"), for its 'Tambah' button."""
    from reportgen.conventions.settings_schema import field_extra, is_model, item_type, key_of, shape

    found: dict[str, str] = {}

    def visit(m) -> None:
        for name, field in m.model_fields.items():
            noun = field_extra(field).get("noun")
            if noun:
                found.setdefault(key_of(name, field), noun)
            base = shape(field.annotation).base
            inner = item_type(base)
            for candidate in (base, shape(inner).base if inner is not None else None):
                if is_model(candidate):
                    visit(candidate)
    visit(model)
    return found
