"""The building blocks of every settings file's schema (unit.yaml, the year's YAML, the rules files): one
pydantic base, the value types a clerk writes (texts, dates, numbers, NIPs), and each field described for a
form (label, help, type, bounds, choices, person or list).

Schemas live beside their loaders (inputs/settings_files.py, scoring/rules_files.py); the Indonesian messages
for what pydantic finds wrong are in conventions/settings_messages.py. This module imports pydantic: import
it lazily (inside a loader), so that `reportgen --help` stays light.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, StringConstraints
from pydantic import Discriminator, Tag, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError, PydanticUndefined

from reportgen.conventions.printable import CONTROL_CHARACTERS, PARAGRAPH_MAX, SHORT_TEXT_MAX
from reportgen.errors import InvalidValue, ProblemCollector


@dataclass(frozen=True)
class Kind:
    """The kind of value a type holds, as a form shows it (text, paragraph, number, date, nip...)."""

    name: str


class SettingsModel(BaseModel):
    """A settings file or one of its sections: unknown keys refused, numbers accepted where a text is asked."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


# ---------------------------------------------------------------- value types


def _printable(text: str) -> str:
    bad = CONTROL_CHARACTERS.search(text)
    if bad:
        raise PydanticCustomError("control_character", "control character U+{code}",
                                  {"code": f"{ord(bad.group()):04X}"})
    return text


def _one_as_list(value: object) -> object:
    """Return one text (or number) as a list of one: `tembusan: Menteri` reads as `tembusan: [Menteri]`."""
    return [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


# One line of text (a name, an office, a place): at most SHORT_TEXT_MAX characters, no control characters.
Text = Annotated[str, StringConstraints(max_length=SHORT_TEXT_MAX), AfterValidator(_printable), Kind("text")]
# The same, never empty (blank counts as empty).
RequiredText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_TEXT_MAX),
                         AfterValidator(_printable), Kind("text")]
# A paragraph: up to PARAGRAPH_MAX characters.
Paragraph = Annotated[str, StringConstraints(max_length=PARAGRAPH_MAX), AfterValidator(_printable),
                      Kind("paragraph")]
RequiredParagraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PARAGRAPH_MAX),
                              AfterValidator(_printable), Kind("paragraph")]
# A list of paragraphs, none empty; one text alone counts as a list of one.
TextList = Annotated[list[RequiredParagraph], BeforeValidator(_one_as_list)]


def _number(value: object) -> int | float:
    """Return a YAML number as written (20 stays int, 20.5 float); text and yes/no are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number_type", "not a number")
    return value


def _quoted(value: object) -> object:
    """Refuse a number where the text must stay as written (a classification code "120.10", a time "09.00")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("number_needs_quotes", "write it between quotes")
    return value


# A number kept as YAML wrote it; bound it with number_between().
Number = Annotated[float, PlainValidator(_number), Kind("number")]
# A whole number: 3, never 3.0, "3" or yes.
Integer = Annotated[int, Field(strict=True), Kind("integer")]
# A text YAML would otherwise read as a number and change ("120.10" -> 120.1): it must be quoted.
QuotedText = Annotated[Text, BeforeValidator(_quoted)]


def number_between(low: float | None = None, high: float | None = None, *, above: float | None = None):
    """Return the Number type bounded to low..high (or above `above`, exclusive)."""
    bounds = [Field(ge=low) if low is not None else None, Field(gt=above) if above is not None else None,
              Field(le=high) if high is not None else None]
    return Annotated[(Number, *[b for b in bounds if b is not None])]


def integer_between(low: int | None = None, high: int | None = None):
    """Return the Integer type bounded to low..high."""
    bounds = [Field(ge=low) if low is not None else None, Field(le=high) if high is not None else None]
    return Annotated[(Integer, *[b for b in bounds if b is not None])]


def _iso_date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_format", "not a date")


# A date as YAML writes it (2021-03-17) or as that text; an impossible date stays text and is refused.
IsoDate = Annotated[dt.date, PlainValidator(_iso_date), Kind("date")]


def convention(parse):
    """Return a validator calling a convention's parser, its InvalidValue becoming a "convention" error."""
    def validate(value):
        try:
            return parse(value)
        except InvalidValue as exc:
            raise PydanticCustomError("convention", "{reason}", {"reason": str(exc)}) from None
    return validate


def _nip(value: object) -> str:
    from reportgen.conventions.civil_service import parse_nip

    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("string_type", "not a text")
    if isinstance(value, str) and not value.strip():
        return ""
    return convention(parse_nip)(value)


# A NIP (18 digits, spaces allowed); empty means none. Validated by conventions.civil_service.parse_nip.
Nip = Annotated[str, PlainValidator(_nip), Kind("nip")]


def choice(*values: str, upper: bool = False):
    """Return a type holding one of `values` (a fixed choice); with `upper`, "a4" reads as "A4"."""
    def tidy(value):
        return value.strip().upper() if upper and isinstance(value, str) else value
    return Annotated[Literal[values], BeforeValidator(tidy), Kind("choice")]


def union_of(**members):
    """Return a union of types told apart by a function of the value (a text, or a section with keys):
    `members` maps each tag to its type; the first member is a value that is no mapping, the second a mapping."""
    tags = list(members)
    parts = tuple(Annotated[t, Tag(tag)] for tag, t in members.items())
    return Annotated[Union[parts], Discriminator(lambda v: tags[1] if isinstance(v, dict) else tags[0])]


def setting(label: str, help: str, default: Any = PydanticUndefined, *, example: str | None = None,
            expected: str | None = None, unit: str | None = None, noun: str | None = None, person: bool = False,
            **constraints) -> Any:
    """Return a field with its Indonesian label and help, and what messages and forms say of it:
    `example` (a value as written), `expected` (what it must be, in words), `unit` of a number, `noun` of a
    list's items ("pertimbangan", "saksi"), and `person` (chosen from the staff list)."""
    extra = {"example": example, "expected": expected, "unit": unit, "noun": noun, "person": person or None}
    return Field(default, title=label, description=help,
                 json_schema_extra={k: v for k, v in extra.items() if v is not None} or None, **constraints)


# A section model whose config says `json_schema_extra={"person": True}` is a person (name, NIP, office),
# whom a form lets the user pick from the staff list.
PERSON = ConfigDict(json_schema_extra={"person": True})


# ---------------------------------------------------------------- walking a model's fields


class Shape(NamedTuple):
    """An annotation taken apart: the bare type, the metadata found on the way, and whether None is allowed."""

    base: Any
    metadata: tuple
    nullable: bool


def shape(annotation: Any, metadata: tuple = ()) -> Shape:
    """Return `annotation` without Annotated and Optional wrappers, with the metadata they carried."""
    found = list(metadata)
    nullable = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            found.extend(extra)
            continue
        if origin in (Union, types.UnionType):
            args = get_args(annotation)
            members = [a for a in args if a is not type(None)]
            nullable = nullable or len(members) < len(args)
            if len(members) == 1:
                annotation = members[0]
                continue
        break
    return Shape(annotation, tuple(found), nullable)


def is_model(annotation: Any) -> bool:
    """Return whether an annotation is a settings section (a model)."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def union_members(annotation: Any) -> list[tuple[str | None, Any]]:
    """Return (tag, type) of each member of a union annotation (empty when it is no union)."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return []
    members = []
    for member in get_args(annotation):
        if member is type(None):
            continue
        tag = next((m.tag for m in shape(member).metadata if isinstance(m, Tag)), None)
        members.append((tag, member))
    return members


def item_type(annotation: Any) -> Any | None:
    """Return the item type of a list annotation, or None when it is no list."""
    if get_origin(annotation) in (list, tuple):
        args = get_args(annotation)
        return args[0] if args else Any
    return None


def richest(annotation: Any) -> Any:
    """Return the member of a union a form shows: the section when there is one, else the first."""
    members = union_members(shape(annotation).base)
    if not members:
        return annotation
    return next((t for _, t in members if is_model(shape(t).base)), members[0][1])


# ---------------------------------------------------------------- fields as a form sees them


class Bounds(NamedTuple):
    """A number's allowed range: low and high (None when open), each inclusive unless marked exclusive."""

    low: float | None
    high: float | None
    low_exclusive: bool = False
    high_exclusive: bool = False


@dataclass(frozen=True)
class FieldDescriptor:
    """One field of a settings file as a form shows it.

    `type` is text, paragraph, number, integer, date, nip, choice, boolean or section (then `fields` are the
    section's own); `is_list` when the key holds a list of such values; `is_person` when the value (or each
    item) is a person to choose from the staff list.
    """

    name: str
    label: str
    help: str
    type: str
    required: bool
    bounds: Bounds | None = None
    choices: tuple[str, ...] = ()
    is_person: bool = False
    is_list: bool = False
    default: Any = None
    example: str | None = None
    unit: str | None = None
    max_length: int | None = None  # characters of a text (of each item, in a list)
    max_items: int | None = None
    fields: tuple[FieldDescriptor, ...] = ()


def constraints(metadata: tuple) -> dict[str, Any]:
    """Return the bounds and lengths stated in an annotation's metadata (ge, gt, le, lt, min_length, max_length)."""
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found.update(constraints(tuple(item.metadata)))
        elif isinstance(item, StringConstraints):
            found.update({k: v for k, v in (("min_length", item.min_length), ("max_length", item.max_length))
                          if v is not None})
        elif isinstance(item, annotated_types.BaseMetadata):
            for name in ("ge", "gt", "le", "lt", "min_length", "max_length"):
                if getattr(item, name, None) is not None:
                    found[name] = getattr(item, name)
    return found


def field_extra(field: FieldInfo | None) -> dict[str, Any]:
    """Return what `setting()` recorded of a field (example, expected, unit, noun, person)."""
    extra = field.json_schema_extra if field is not None else None
    return dict(extra) if isinstance(extra, dict) else {}


def _model_is_person(annotation: Any) -> bool:
    return is_model(annotation) and bool((annotation.model_config.get("json_schema_extra") or {}).get("person"))


def _kind(metadata: tuple, base: Any) -> str:
    kind = next((m.name for m in reversed(metadata) if isinstance(m, Kind)), None)
    if kind:
        return kind
    if is_model(base):
        return "section"
    if base is bool:
        return "boolean"
    if get_origin(base) is Literal:
        return "choice"
    return "number" if base in (int, float) else "text"


def describe(name: str, field: FieldInfo) -> FieldDescriptor:
    """Return the descriptor of one field of a model."""
    outer = shape(field.annotation, tuple(field.metadata))
    base, metadata = outer.base, outer.metadata
    items = item_type(base)
    is_list = items is not None
    list_limits = constraints(metadata) if is_list else {}
    if is_list:
        inner = shape(richest(items))
        base, metadata = inner.base, inner.metadata
    else:
        base = richest(base)
        inner = shape(base)
        base, metadata = inner.base, metadata + inner.metadata
    limits = constraints(metadata)
    kind = _kind(metadata, base)
    extra = field_extra(field)
    literal = get_origin(base) is Literal
    bounds = None
    if kind in ("number", "integer") and any(k in limits for k in ("ge", "gt", "le", "lt")):
        bounds = Bounds(limits.get("ge", limits.get("gt")), limits.get("le", limits.get("lt")), "gt" in limits,
                        "lt" in limits)
    default = None if field.default is PydanticUndefined else field.default
    return FieldDescriptor(
        name=field.alias or name, label=field.title or name, help=field.description or "", type=kind,
        required=field.is_required(), bounds=bounds, choices=tuple(get_args(base)) if literal else (),
        is_person=bool(extra.get("person")) or _model_is_person(base), is_list=is_list, default=default,
        example=extra.get("example"), unit=extra.get("unit"),
        max_length=limits.get("max_length") if kind in ("text", "paragraph") else None,
        max_items=list_limits.get("max_length"),
        fields=field_descriptors(base) if is_model(base) else ())


def key_of(name: str, field: FieldInfo) -> str:
    """Return the key a field has in the file (its alias, where the Python name had to differ)."""
    return field.alias or name


def field_descriptors(model: type[BaseModel]) -> tuple[FieldDescriptor, ...]:
    """Return every field of a settings model (a file, or a section of one) as a form shows it, in order."""
    return tuple(describe(name, field) for name, field in model.model_fields.items())


# ---------------------------------------------------------------- validating a file


def validate_settings(model: type[BaseModel], data: object, file: str | Path, problems: ProblemCollector,
                      lines: dict[tuple, int] | None = None, context: dict | None = None) -> Any | None:
    """Return `data` validated as `model`, or None after adding every problem (file, key, line, what was found,
    what is allowed) to `problems`. `lines` maps key paths to the YAML lines they stand on (yaml_file.py)."""
    from reportgen.conventions.settings_messages import settings_problems

    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems.problems.extend(settings_problems(exc, model, file, lines))
        return None
