"""Make the templates' reference.docx the source of the page and base font of every document, with unit.yaml's
`tata_letak` as a shortcut onto it, and gather what the PDF cannot follow as warnings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reportgen.errors import InputError, ProblemCollector
from reportgen.inputs.profile import PAPERS_MM, Profile
from reportgen.render.fonts import font_is_available, install_hint, resolved_family
from reportgen.render.look_check import look_notes
from reportgen.render.template_folder import shipped_templates_dir
from reportgen.render.word_look import WordLook, read_look

MARGINS = {"margin_atas": "margin_top", "margin_kanan": "margin_right", "margin_bawah": "margin_bottom",
           "margin_kiri": "margin_left"}
WORD_NAMES = {"kertas": "ukuran kertas (Tata Letak > Ukuran)", "huruf": "huruf gaya Normal",
              "ukuran_huruf": "ukuran huruf gaya Normal", "margin_atas": "margin atas", "margin_kanan": "margin kanan",
              "margin_bawah": "margin bawah", "margin_kiri": "margin kiri"}


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def look_values(look: WordLook) -> dict[str, object]:
    """Return what a reference.docx says for each `tata_letak` key (paper as width and height in mm)."""
    page = look.page
    values: dict[str, object] = {"kertas": (_tidy(page.width_mm), _tidy(page.height_mm)),
                                 "huruf": look.normal.font, "ukuran_huruf": _tidy(look.normal.size_pt)}
    values.update({key: _tidy(getattr(page, attr)) for key, attr in MARGINS.items()})
    return values


def _same(key: str, a, b) -> bool:
    if key == "huruf":
        return str(a).strip().lower() == str(b).strip().lower()
    if key == "kertas":
        return all(abs(x - y) < 0.55 for x, y in zip(a, b))
    return abs(float(a) - float(b)) < 0.05


def _shown(key: str, value) -> str:
    if key == "kertas":
        names = [name for name, size in PAPERS_MM.items() if _same("kertas", size, value)]
        size = f"{value[0]:g} x {value[1]:g} mm"
        return f"{names[0]} ({size})" if names else size
    unit = {"huruf": "", "ukuran_huruf": " pt"}.get(key, " mm")
    return f"{value}{unit}" if key != "huruf" else str(value)


def check_font(profile: Profile, problems: ProblemCollector) -> None:
    """Report unit.yaml's font (tata_letak.huruf, Arial when unset) when neither it nor a stand-in is installed."""
    font = profile.layout["huruf"]
    if not font_is_available(font):
        problems.add(profile.path, f"huruf '{font}' tidak terpasang di komputer ini (yang akan dipakai: "
                     f"'{resolved_family(font)}'); pasang hurufnya, atau pilih Arial. {install_hint(font)}",
                     key="tata_letak.huruf")


def apply_look(profile: Profile, templates: Path, problems: ProblemCollector) -> Profile:
    """Return the profile whose layout follows `templates`/reference.docx; unit.yaml's `tata_letak` applies where
    the unit's template keeps reportgen's value, and where both set a value of their own, the template wins
    with a warning naming both. What the PDF cannot follow of the template is warned of too."""
    check_font(profile, problems)
    reference = Path(templates) / "reference.docx"
    try:
        look = read_look(reference)
    except InputError as exc:  # a value out of range: said with every other problem of the run
        problems.problems.extend(exc.problems)
        return profile
    shipped = read_look(shipped_templates_dir() / "reference.docx")
    ours, theirs = look_values(shipped), look_values(look)
    layout = dict(profile.layout)
    for key, value in theirs.items():
        given = profile.layout.get(key) if key in profile.layout_set else None
        if key == "kertas" and given is not None:
            given = PAPERS_MM.get(str(given).upper(), given)
        if given is None:
            layout[key] = value
        elif _same(key, value, ours[key]) or _same(key, value, given):
            continue  # the template keeps reportgen's value (or agrees): unit.yaml's applies to both formats
        else:
            layout[key] = value
            problems.warn(profile.path, f"{_shown(key, given)} di unit.yaml, tetapi {WORD_NAMES[key]} di "
                          f"{reference} adalah {_shown(key, value)}; yang dipakai: {_shown(key, value)} dari "
                          "reference.docx (untuk DOCX dan PDF). Hapus kunci ini dari unit.yaml bila tampilan "
                          "diatur di Word.", key=f"tata_letak.{key}")
    if "kertas" in layout and isinstance(layout["kertas"], tuple):
        layout["kertas_mm"] = layout.pop("kertas")
        names = [name for name, size in PAPERS_MM.items() if _same("kertas", size, layout["kertas_mm"])]
        layout["kertas"] = names[0] if names else "lain"
    elif "kertas" in layout:
        layout["kertas_mm"] = PAPERS_MM[layout["kertas"]]
    for note in look_notes(look, shipped):
        problems.warn(reference, f"PDF tidak dapat mengikuti {note}")
    return dataclasses.replace(profile, layout=layout)


def title_warnings(document, templates: Path) -> list:
    """Return a warning for each title or letterhead line of a document that leaves one word alone on its last line
    even in balanced lines and at the smallest size allowed (render/title_lines.py)."""
    from reportgen.errors import Problem
    from reportgen.render.title_lines import SMALLEST, unfitted

    reference = Path(templates) / "reference.docx"
    return [Problem(file=str(reference), warning=True, found=" ".join(text.split()),
                    message=f"judul atau baris kop ini menyisakan satu kata di baris terakhirnya, juga bila dibagi "
                            f"rata dan diperkecil sampai {round(SMALLEST * 100)} persen; perpendek teksnya, atau "
                            "perkecil huruf gayanya atau perlebar halaman di reference.docx")
            for text in unfitted(document, reference)]
