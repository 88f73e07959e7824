"""Write new values into a settings file's YAML text, keeping its comments, its order and every value that did not
change exactly as it was written (the web page's forms save through here, so that the file stays the one a clerk
or the command line edits by hand).

Only the places whose value changed are rewritten: a changed scalar in place (a comment after it stays), a changed
list or section as a block at the indentation it had, a removed key with its lines, a new key at the end of its
section. The text written is read back and compared with the values asked for; should it differ (a construct this
writer does not edit in place), the whole file is written afresh from the values instead, never a wrong file.
"""

from __future__ import annotations

import difflib

import yaml

from reportgen.inputs.yaml_file import SettingsLoader as _Loader, parse_yaml as _load

WIDTH = 100  # a long text is folded at about this column, as the example files are


class _Dumper(yaml.SafeDumper):
    """The safe dumper, lists indented under their key, a text of several lines as a literal block."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _text(dumper, value: str):
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(data, header: str = "") -> str:
    """Return data as a new YAML text (keys in their order, texts unquoted where YAML allows), under a comment."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=WIDTH) if data not in (None, {}) else ""
    lines = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return lines + body


def _value_text(value, column: int) -> str:
    """Return how a value is written after 'key:' at `column`: ' text', or a block on the lines below."""
    text = yaml.dump({"k": value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=WIDTH)
    text = text[2:].rstrip("\n")  # after "k:"
    lines = text.split("\n")
    return "\n".join(lines[:1] + [" " * column + line if line else line for line in lines[1:]])


def _flow_text(value) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, default_flow_style=True, width=10 ** 6).strip()


def _end(node) -> int:
    """Return where a node's own text ends: its last scalar or closing bracket, never the blank lines or comments
    that follow it (a block collection's end mark lies at the next key)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
    return max((_end(c) for c in children), default=node.start_mark.index)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Return the index just past the end of the line holding `index` (its newline included)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _construct(node):
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _scalar_end(text: str, node) -> int:
    """Return the end of a scalar's own text (a literal block's trailing newlines left where they are)."""
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in "\n \t":
        end -= 1
    return end


def _edit_mapping(text: str, node: yaml.MappingNode, new: dict, edits: list) -> None:
    """Add to `edits` (start, end, replacement) what makes the block mapping `node` hold `new`."""
    present = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            present[key_node.value] = (key_node, value_node)
    column = node.value[0][0].start_mark.column if node.value else 0
    for key, (key_node, value_node) in present.items():
        if key not in new:  # removed: its lines go (the comments above it stay)
            edits.append((_line_start(text, key_node.start_mark.index), _line_end(text, _end(value_node)), ""))
            continue
        value = new[key]
        if _construct(value_node) == value:
            continue
        if isinstance(value, dict) and isinstance(value_node, yaml.MappingNode) and not value_node.flow_style \
                and value_node.value:
            _edit_mapping(text, value_node, value, edits)
            continue
        if isinstance(value, list) and value and isinstance(value_node, yaml.SequenceNode) \
                and not value_node.flow_style and value_node.value:
            _edit_sequence(text, value_node, value, edits)
            continue
        colon = text.index(":", key_node.end_mark.index) + 1
        if isinstance(value_node, yaml.ScalarNode):
            end = _scalar_end(text, value_node)
        else:
            end = _end(value_node)
        if getattr(value_node, "flow_style", False) and isinstance(value, (list, dict)) and all(
                not isinstance(v, (list, dict)) and not (isinstance(v, str) and "\n" in v)
                for v in (value.values() if isinstance(value, dict) else value)):
            edits.append((value_node.start_mark.index, end, _flow_text(value)))  # [a, b] stays a flow list
        else:
            edits.append((colon, end, _value_text(value, column)))
    missing = [key for key in new if key not in present]
    if missing:
        last = max((_end(v) for _, v in node.value), default=node.start_mark.index)
        at = _line_end(text, last)
        added = "".join(("\n" if column == 0 else "") + f"{' ' * column}{key}:{_value_text(new[key], column)}\n"
                        for key in missing)  # a new section of the file after a blank line, as the others
        edits.append((at, at, ("" if at == 0 or text[at - 1] == "\n" else "\n") + added))


def _item_text(value, column: int) -> str:
    """Return one list item as written at `column` ('- text' and its lines), ending with a newline."""
    text = yaml.dump([value], Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=WIDTH)
    return "".join(" " * column + line if line.strip() else line for line in text.splitlines(keepends=True))


def _edit_sequence(text: str, node: yaml.SequenceNode, new: list, edits: list) -> None:
    """Add to `edits` what makes the block list `node` hold `new`: the items kept stay as written, the others are
    replaced, removed or added where they stand."""
    items = node.value
    old = [_construct(item) for item in items]
    column = items[0].start_mark.column - 2 if items[0].start_mark.column >= 2 else 0
    dash = text.rfind("-", 0, items[0].start_mark.index)
    if dash >= 0:
        column = dash - _line_start(text, dash)

    def span(i: int) -> tuple[int, int]:
        return _line_start(text, items[i].start_mark.index), _line_end(text, _end(items[i]))

    matcher = difflib.SequenceMatcher(a=[repr(v) for v in old], b=[repr(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        added = "".join(_item_text(v, column) for v in new[j1:j2])
        if i1 < i2:
            edits.append((span(i1)[0], span(i2 - 1)[1], added))
        else:
            at = span(i1)[0] if i1 < len(items) else span(len(items) - 1)[1]
            edits.append((at, at, added if at == 0 or text[at - 1] == "\n" else "\n" + added))


def updated_yaml(text: str, data: dict, header: str = "") -> str:
    """Return the YAML `text` changed so that it holds `data` (a mapping), keeping comments, order and unchanged
    values as written; a file with no mapping yet is written afresh under the comment `header`."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        root = None
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        return _fresh(text, data, header)
    edits: list[tuple[int, int, str]] = []
    _edit_mapping(text, root, data, edits)
    result = text
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        result = result[:start] + replacement + result[end:]
    if not result.endswith("\n"):
        result += "\n"
    try:
        if _load(result)[0] == data:
            return result
    except (yaml.YAMLError, Exception):  # noqa: BLE001 -- any surprise: the plain way below
        pass
    return _fresh(text, data, header)


def _fresh(text: str, data: dict, header: str) -> str:
    """Return the data as a new file, keeping the comment lines the old text opened with."""
    opening = []
    for line in text.splitlines():
        if line.startswith("#"):
            opening.append(line)
        else:
            break
    body = dump_yaml(data)
    return ("\n".join(opening) + "\n\n" + body) if opening else dump_yaml(data, header)

