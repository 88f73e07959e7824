"""Read the look of a reference.docx: its page (section) and every style resolved through `basedOn` and the
document defaults, as plain values both writers can follow (render/look_css.py turns them into CSS).

Read once per file version: the result is cached by path, modification time and size.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from reportgen.errors import InputError, Problem, ReportgenError
from reportgen.guards.archives import DOCUMENT_LIMITS, MIB, ArchiveLimits, ArchiveRefused, check_archive
from reportgen.model import styles as vocabulary

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

TWIPS_PER_MM = 1440 / 25.4

# A reference.docx is read whole (its styles, its body): its parts are bounded before any is parsed; its body
# holds nothing but the section, so it is capped as tightly as the styles.
REFERENCE_LIMITS = ArchiveLimits(
    members=DOCUMENT_LIMITS.members, member_bytes=DOCUMENT_LIMITS.member_bytes,
    total_bytes=DOCUMENT_LIMITS.total_bytes, ratio=DOCUMENT_LIMITS.ratio,
    part_bytes={**DOCUMENT_LIMITS.part_bytes, "word/document.xml": 16 * MIB})

# The values a reference.docx may hold. Outside them a layout cannot place a line (a page smaller than its
# margins) or runs for minutes (a 5 pt page, a 1.000 pt font); inside them every real template fits.
PAGE_MM = (75.0, 600.0)     # each side of the paper, A6 to A2
TEXT_MM = 40.0              # the least width and height left between the margins
FONT_PT = (1.0, 72.0)       # from the least Word allows to the most its own list offers
SPACE_PT = 400.0            # spacing before or after a paragraph, an exact line, an indent
LINE_MULTIPLE = (0.25, 10.0)

# Run and paragraph properties a stylesheet can follow (the others are named in `unsupported`).
RUN_FOLLOWED = {"rFonts", "sz", "szCs", "b", "bCs", "i", "iCs", "u", "color", "caps", "strike", "lang", "kern",
                "spacing", "noProof", "vanish", "webHidden", "rStyle"}
PARAGRAPH_FOLLOWED = {"spacing", "ind", "jc", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "shd",
                      "pBdr", "tabs", "outlineLvl", "numPr", "contextualSpacing", "snapToGrid", "suppressAutoHyphens",
                      "rPr", "pStyle", "adjustRightInd", "autoSpaceDE", "autoSpaceDN"}
# Word features with no CSS equivalent reportgen can write, and what they are called for a clerk.
WORD_ONLY = {
    "emboss": "huruf timbul (emboss)", "imprint": "huruf cekung (engrave)", "outline": "huruf garis luar (outline)",
    "shadow": "bayangan huruf (shadow)", "smallCaps": "kapital kecil (small caps)", "w": "skala lebar huruf",
    "position": "posisi naik/turun huruf", "highlight": "stabilo (highlight)", "dstrike": "coret ganda",
    "effect": "efek teks", "bdr": "bingkai huruf", "em": "tanda penekanan", "fitText": "teks pas lebar",
    "vertAlign": "superskrip/subskrip", "framePr": "bingkai paragraf (frame)", "textDirection": "arah teks",
    "textAlignment": "perataan vertikal teks", "mirrorIndents": "indentasi cermin", "numPr": "penomoran otomatis",
}
# Alignment values as CSS names them.
ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right", "both": "justify",
         "distribute": "justify", "thaiDistribute": "justify", "lowKashida": "justify", "mediumKashida": "justify",
         "highKashida": "justify"}


def w(tag: str) -> str:
    """Return a WordprocessingML tag or attribute name in Clark notation."""
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Border:
    """One border line: Word's style name (single, double, dashed...), width in points, colour (hex, None: auto)."""

    style: str
    width_pt: float
    color: str | None
    space_pt: float = 0.0  # a paragraph border's distance from the text (w:space)


@dataclass(frozen=True)
class StyleLook:
    """One style with everything inherited resolved; `own_font`/`own_size_pt` only when set below Normal."""

    name: str
    kind: str  # paragraph, table, character
    font: str | None = None
    size_pt: float | None = None
    own_font: str | None = None
    own_size_pt: float | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    strike: bool = False
    color: str | None = None
    align: str = "left"
    indent_left_pt: float = 0.0
    indent_right_pt: float = 0.0
    first_line_pt: float = 0.0  # negative: hanging
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    line_rule: str = "auto"  # auto (a multiple of single spacing), exact, atLeast
    line: float = 1.0  # the multiple, or points for exact and atLeast
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    shading: str | None = None
    borders: tuple[tuple[str, Border], ...] = ()  # (side, border); paragraph borders or a table's
    cell_margins: tuple[tuple[str, float], ...] = ()  # (side, points), table styles
    tabs: tuple[tuple[float, str, str], ...] = ()  # (position pt, alignment, leader)
    unsupported: tuple[str, ...] = ()  # Word features of this style the PDF cannot follow
    based_on_normal: bool = True

    def border(self, side: str) -> Border | None:
        return dict(self.borders).get(side)


@dataclass(frozen=True)
class PageLook:
    """The section of reference.docx: paper and margins in millimetres, rounded to 0.1 mm."""

    width_mm: float
    height_mm: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float


@dataclass(frozen=True)
class WordLook:
    """The look of one reference.docx: its page, its Normal style and every style by name."""

    path: Path
    page: PageLook
    normal: StyleLook
    styles: dict[str, StyleLook]
    header_texts: tuple[str, ...] = ()  # text found in its headers and footers
    custom_styles: tuple[str, ...] = field(default=())  # styles the file marks as made by its user

    def style(self, name: str) -> StyleLook | None:
        return self.styles.get(name)


def _on(element, default: bool = True) -> bool:
    """Return the value of an on/off property element (`<w:b/>` is on, `<w:b w:val="0"/>` off)."""
    if element is None:
        return default
    return element.get(w("val"), "true") not in ("0", "false", "off", "none")


class _BadNumber(Exception):
    """A measure in the file that is not a number (the attribute and what it holds)."""

    def __init__(self, attribute: str, value: str):
        super().__init__(attribute, value)
        self.attribute, self.value = attribute, value


class _OutOfRange(Exception):
    """Values of a look outside what a layout can follow (each said in a user's words)."""

    def __init__(self, found: list[str]):
        super().__init__(found)
        self.found = found


_UNIVERSAL = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)\s*$")
_POINTS = {"mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0, "pt": 1.0, "pc": 12.0, "pi": 12.0}


def _measure(element, attribute: str, per_point: float, default: str | None = None) -> float | None:
    """Return a measure of `element` in its own unit (`per_point` of them make a point): a number, or a universal
    measure such as "12pt" that strict files write; None when absent; _BadNumber when it is neither."""
    value = element.get(w(attribute), default)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    found = _UNIVERSAL.match(value)
    if not found:
        raise _BadNumber(f"w:{etree.QName(element).localname} w:{attribute}", value)
    return float(found.group(1)) * _POINTS[found.group(2)] * per_point


def _twips_pt(value: str | None) -> float | None:
    try:
        return int(float(value)) / 20 if value is not None else None
    except ValueError:
        found = _UNIVERSAL.match(value)
        if found:
            return float(found.group(1)) * _POINTS[found.group(2)]
        raise _BadNumber("ukuran", value) from None


class _Properties:
    """Properties merged down a style chain, attribute by attribute as Word inherits them."""

    def __init__(self):
        self.run: dict[str, object] = {}
        self.para: dict[str, object] = {}
        self.borders: dict[str, Border] = {}
        self.margins: dict[str, float] = {}
        self.tabs: dict[float, tuple[str, str]] = {}
        self.unsupported: list[str] = []

    def merge_run(self, rpr, theme: dict[str, str]) -> None:
        if rpr is None:
            return
        for child in rpr:
            tag = etree.QName(child).localname
            if tag == "rFonts":
                font = child.get(w("ascii")) or child.get(w("hAnsi"))
                if font is None and (child.get(w("asciiTheme")) or child.get(w("hAnsiTheme"))):
                    key = (child.get(w("asciiTheme")) or child.get(w("hAnsiTheme"))).startswith("major")
                    font = theme.get("major" if key else "minor")
                if font:
                    self.run["font"] = font
            elif tag == "sz":
                self.run["size"] = _measure(child, "val", 2, "24") / 2
            elif tag in ("b", "i", "caps", "strike"):
                self.run[tag] = _on(child)
            elif tag == "u":
                self.run["u"] = child.get(w("val"), "single") != "none"
            elif tag == "color":
                value = child.get(w("val"), "auto")
                self.run["color"] = None if value == "auto" else value.upper()
            elif tag in WORD_ONLY and _on(child) and not (tag == "vertAlign" and child.get(w("val")) == "baseline"):
                self.unsupported.append(WORD_ONLY[tag])

    def merge_paragraph(self, ppr) -> None:
        if ppr is None:
            return
        for child in ppr:
            tag = etree.QName(child).localname
            if tag == "spacing":
                for attr, key in (("before", "before"), ("after", "after")):
                    if child.get(w(attr)) is not None:
                        self.para[key] = _twips_pt(child.get(w(attr)))
                if child.get(w("line")) is not None:
                    rule = child.get(w("lineRule"), "auto")
                    value = _measure(child, "line", 20)
                    self.para["line"] = (rule, value / 240 if rule == "auto" else value / 20)
            elif tag == "ind":
                left = child.get(w("left"), child.get(w("start")))
                right = child.get(w("right"), child.get(w("end")))
                if left is not None:
                    self.para["left"] = _twips_pt(left)
                if right is not None:
                    self.para["right"] = _twips_pt(right)
                if child.get(w("hanging")) is not None:
                    self.para["first"] = -_twips_pt(child.get(w("hanging")))
                elif child.get(w("firstLine")) is not None:
                    self.para["first"] = _twips_pt(child.get(w("firstLine")))
            elif tag == "jc":
                self.para["align"] = ALIGN.get(child.get(w("val"), "left"), "left")
            elif tag in ("keepNext", "keepLines", "pageBreakBefore"):
                self.para[tag] = _on(child)
            elif tag == "shd":
                self.para["shading"] = _shading(child)
            elif tag == "pBdr":
                self._borders(child)
            elif tag == "tabs":
                for tab in child:
                    pos = _twips_pt(tab.get(w("pos")))
                    if pos is None:
                        continue
                    if tab.get(w("val")) == "clear":
                        self.tabs.pop(pos, None)
                    else:
                        self.tabs[pos] = (tab.get(w("val"), "left"), tab.get(w("leader"), "none"))
            elif tag in WORD_ONLY:
                self.unsupported.append(WORD_ONLY[tag])

    def merge_table(self, tblpr) -> None:
        if tblpr is None:
            return
        borders = tblpr.find(w("tblBorders"))
        if borders is not None:
            self._borders(borders)
        margins = tblpr.find(w("tblCellMar"))
        if margins is not None:
            for side in margins:
                name = {"start": "left", "end": "right"}.get(etree.QName(side).localname, etree.QName(side).localname)
                value = _twips_pt(side.get(w("w")))
                if value is not None and side.get(w("type"), "dxa") == "dxa":
                    self.margins[name] = value
        shd = tblpr.find(w("shd"))
        if shd is not None:
            self.para["table_shading"] = _shading(shd)

    def _borders(self, element) -> None:
        for side in element:
            name = {"start": "left", "end": "right"}.get(etree.QName(side).localname, etree.QName(side).localname)
            style = side.get(w("val"), "nil")
            color = side.get(w("color"), "auto")
            self.borders[name] = Border("none" if style in ("nil", "none") else style,
                                        _measure(side, "sz", 8, "4") / 8, None if color == "auto" else color.upper(),
                                        _measure(side, "space", 1, "0") or 0.0)


def _shading(shd) -> str | None:
    fill = shd.get(w("fill"), "auto")
    return None if fill == "auto" else fill.upper()


def _theme_fonts(package: zipfile.ZipFile) -> dict[str, str]:
    """Return the theme's major and minor Latin fonts (what `asciiTheme` names)."""
    names = [n for n in package.namelist() if n.startswith("word/theme/") and n.endswith(".xml")]
    if not names:
        return {}
    root = etree.fromstring(package.read(sorted(names)[0]), _PARSER)
    found = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface")
    return found


def _resolve(style_id: str, elements: dict, defaults, theme: dict[str, str]) -> tuple[StyleLook, bool, bool]:
    """Return a style with its chain merged, whether its own chain (below Normal) sets font and size."""
    chain = []
    seen = set()
    current = style_id
    while current and current in elements and current not in seen:
        seen.add(current)
        chain.append(elements[current])
        based = elements[current].find(w("basedOn"))
        current = based.get(w("val")) if based is not None else None
    chain.reverse()
    props = _Properties()
    if defaults is not None:
        props.merge_run(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"), theme)
        props.merge_paragraph(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
    own = _Properties()
    normal_in_chain = any(e.get(w("styleId")) == "Normal" for e in chain)
    for element in chain:
        is_normal = element.get(w("styleId")) == "Normal"
        for target in ((props,) if is_normal else (props, own)):
            target.merge_paragraph(element.find(w("pPr")))
            target.merge_run(element.find(w("rPr")), theme)
            target.merge_table(element.find(w("tblPr")))
    element = elements[style_id]
    run, para = props.run, props.para
    line_rule, line = para.get("line", ("auto", 1.0))
    look = StyleLook(
        name=style_id, kind=element.get(w("type"), "paragraph"),
        font=run.get("font"), size_pt=run.get("size"),
        own_font=own.run.get("font") if normal_in_chain else run.get("font"),
        own_size_pt=own.run.get("size") if normal_in_chain else run.get("size"),
        bold=bool(run.get("b", False)), italic=bool(run.get("i", False)), underline=bool(run.get("u", False)),
        caps=bool(run.get("caps", False)), strike=bool(run.get("strike", False)), color=run.get("color"),
        align=para.get("align", "left"),
        indent_left_pt=para.get("left") or 0.0, indent_right_pt=para.get("right") or 0.0,
        first_line_pt=para.get("first") or 0.0,
        space_before_pt=para.get("before") or 0.0, space_after_pt=para.get("after") or 0.0,
        line_rule=line_rule, line=line,
        keep_next=bool(para.get("keepNext", False)), keep_lines=bool(para.get("keepLines", False)),
        page_break_before=bool(para.get("pageBreakBefore", False)),
        shading=para.get("table_shading") if element.get(w("type")) == "table" else para.get("shading"),
        borders=tuple(sorted(props.borders.items())), cell_margins=tuple(sorted(props.margins.items())),
        tabs=tuple(sorted((pos, *kind) for pos, kind in props.tabs.items())),
        unsupported=tuple(dict.fromkeys(own.unsupported)), based_on_normal=normal_in_chain,
    )
    return look, normal_in_chain, bool(own.run)


def _page(document) -> PageLook:
    """Return the paper and margins of the document's last (body) section."""
    section = document.find(f"{w('body')}/{w('sectPr')}")
    size = section.find(w("pgSz")) if section is not None else None
    margins = section.find(w("pgMar")) if section is not None else None

    def mm(element, attr: str, default: float) -> float:
        value = _measure(element, attr, 20) if element is not None else None
        return round(value / TWIPS_PER_MM, 1) if value is not None else default

    width, height = mm(size, "w", 210.0), mm(size, "h", 297.0)
    return PageLook(min(width, height), max(width, height), mm(margins, "top", 25.4), mm(margins, "right", 25.4),
                    mm(margins, "bottom", 25.4), mm(margins, "left", 25.4))


def _header_texts(package: zipfile.ZipFile, document) -> tuple[str, ...]:
    """Return what the headers and footers of the section show (text, or a note of a picture)."""
    section = document.find(f"{w('body')}/{w('sectPr')}")
    if section is None:
        return ()
    rels_name = "word/_rels/document.xml.rels"
    if rels_name not in package.namelist():
        return ()
    rels = etree.fromstring(package.read(rels_name), _PARSER)
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    found = []
    for reference in section:
        if etree.QName(reference).localname not in ("headerReference", "footerReference"):
            continue
        target = targets.get(reference.get(f"{{{R}}}id"), "")
        name = "word/" + target.lstrip("/").removeprefix("word/")
        if name not in package.namelist():
            continue
        part = etree.fromstring(package.read(name), _PARSER)
        text = "".join(t.text or "" for t in part.iter(w("t"))).strip()
        if text:
            found.append(text)
        elif any(True for _ in part.iter(w("drawing"))) or any(True for _ in part.iter(w("pict"))):
            found.append("(gambar)")
    return tuple(found)


def read_look(path: Path) -> WordLook:
    """Return the look of a reference.docx (cached per file version); InputError naming the file and the style or
    setting of every value out of range, ReportgenError for a file that is not a Word document or would inflate
    past its limits (nothing of it is parsed then)."""
    path = Path(path)
    try:
        stat = path.stat()
        return _read_look(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except _BadNumber as exc:
        raise InputError([Problem(str(path), f"nilai {exc.value!r} pada {exc.attribute} bukan ukuran yang sah; buka "
                                  "di Word lalu simpan ulang, atau salin ulang templat bawaan (reportgen templat "
                                  "FOLDER)")]) from None
    except _OutOfRange as exc:
        raise InputError([Problem(str(path), f"{text}; ubah di Word, atau salin ulang templat bawaan (reportgen "
                                  "templat FOLDER)") for text in exc.found]) from None
    except ArchiveRefused as exc:
        raise ReportgenError(f"{path}: berkas tidak aman: {exc.why}; buka di Word lalu simpan ulang sebagai "
                             "Dokumen Word (.docx), atau salin ulang templat bawaan (reportgen templat FOLDER)") from None
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, EOFError):
        raise ReportgenError(f"{path}: berkas rusak atau bukan dokumen Word (.docx); buka di Word lalu simpan "
                             "ulang sebagai Dokumen Word (.docx), atau salin ulang templat bawaan "
                             "(reportgen templat FOLDER)") from None


def _number(value: float) -> str:
    """Return a measure as Indonesians write it (1.638, 2,5)."""
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _out_of_range(look: WordLook) -> list[str]:
    """Return what of a look lies outside what a layout can follow, each naming the setting or the style."""
    found = []
    page = look.page
    for side, value in (("lebar", page.width_mm), ("tinggi", page.height_mm)):
        if not PAGE_MM[0] <= value <= PAGE_MM[1]:
            found.append(f"Tata Letak > Ukuran: {side} kertas {_number(value)} mm, di luar batas "
                         f"{_number(PAGE_MM[0])} sampai {_number(PAGE_MM[1])} mm")
    margins = {"atas": page.margin_top, "kanan": page.margin_right, "bawah": page.margin_bottom,
               "kiri": page.margin_left}
    for side, value in margins.items():
        if value < 0:
            found.append(f"Tata Letak > Margin: margin {side} {_number(value)} mm; margin harus 0 atau lebih")
    for across, size, (one, other) in (("lebar", page.width_mm, ("kiri", "kanan")),
                                       ("tinggi", page.height_mm, ("atas", "bawah"))):
        left = size - max(margins[one], 0) - max(margins[other], 0)
        if PAGE_MM[0] <= size and left < TEXT_MM:
            found.append(f"Tata Letak > Margin: margin {one} {_number(margins[one])} mm dan {other} "
                         f"{_number(margins[other])} mm menyisakan {_number(left)} mm dari {across} kertas "
                         f"{_number(size)} mm untuk teks; paling sedikit {_number(TEXT_MM)} mm")
    normal = look.normal
    for name in ("Normal", *vocabulary.PARAGRAPH_STYLES, *vocabulary.TABLE_STYLES):
        style = normal if name == "Normal" else look.style(name)
        if style is None:
            continue
        inherited = style is not normal and style.based_on_normal  # what Normal says is said once, for Normal

        def own(value, normal_value) -> bool:
            return not inherited or value != normal_value

        where = f"gaya '{name}' (Beranda > Gaya > Ubah)"
        size = style.size_pt if style is normal else style.own_size_pt
        if size is not None and not FONT_PT[0] <= size <= FONT_PT[1]:
            found.append(f"{where}: ukuran huruf {_number(size)} pt, di luar batas {_number(FONT_PT[0])} "
                         f"sampai {_number(FONT_PT[1])} pt")
        for label, attribute in (("jarak sebelum paragraf", "space_before_pt"),
                                 ("jarak sesudah paragraf", "space_after_pt"),
                                 ("indentasi kiri", "indent_left_pt"), ("indentasi kanan", "indent_right_pt"),
                                 ("indentasi baris pertama", "first_line_pt")):
            value = getattr(style, attribute)
            if abs(value) > SPACE_PT and own(value, getattr(normal, attribute)):
                found.append(f"{where}: {label} {_number(value)} pt, lebih dari batas {_number(SPACE_PT)} pt")
        if not own((style.line_rule, style.line), (normal.line_rule, normal.line)):
            continue
        if style.line_rule == "auto" and not LINE_MULTIPLE[0] <= style.line <= LINE_MULTIPLE[1]:
            found.append(f"{where}: spasi baris {_number(style.line)} kali, di luar batas "
                         f"{_number(LINE_MULTIPLE[0])} sampai {_number(LINE_MULTIPLE[1])} kali")
        elif style.line_rule != "auto" and not 0 < style.line <= SPACE_PT:
            found.append(f"{where}: spasi baris {_number(style.line)} pt, di luar batas lebih dari 0 sampai "
                         f"{_number(SPACE_PT)} pt")
    return found


@functools.lru_cache(maxsize=16)
def _read_look(path: str, mtime_ns: int, size: int) -> WordLook:
    check_archive(Path(path), REFERENCE_LIMITS)  # before any part is read
    look = _parse_look(path)
    wrong = _out_of_range(look)
    if wrong:
        raise _OutOfRange(wrong)
    return look


def _parse_look(path: str) -> WordLook:
    with zipfile.ZipFile(path) as package:
        styles = etree.fromstring(package.read("word/styles.xml"), _PARSER)
        document = etree.fromstring(package.read("word/document.xml"), _PARSER)
        theme = _theme_fonts(package)
        headers = _header_texts(package, document)
    elements = {s.get(w("styleId")): s for s in styles.findall(w("style")) if s.get(w("styleId"))}
    defaults = styles.find(w("docDefaults"))
    looks = {}
    for style_id, element in elements.items():
        look, _, _ = _resolve(style_id, elements, defaults, theme)
        looks[style_id] = look
        name = element.find(w("name"))
        if name is not None and name.get(w("val")) and name.get(w("val")) != style_id:
            looks.setdefault(name.get(w("val")), look)
    if "Normal" in looks:
        normal = looks["Normal"]
    else:
        normal = StyleLook("Normal", "paragraph")
    normal = replace(normal, font=normal.font or "Times New Roman", size_pt=normal.size_pt or 10.0)
    custom = tuple(sorted(s.get(w("styleId")) for s in elements.values() if s.get(w("customStyle")) in ("1", "true")))
    return WordLook(Path(path), _page(document), normal, looks, headers, custom)
