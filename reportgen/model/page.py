"""The page every document of a unit is laid out on: paper, margins and base font from the unit's profile."""

from __future__ import annotations

from reportgen.inputs.profile import PAPERS_MM, Profile
from reportgen.model.blocks import PageSetup


def page_setup(profile: Profile, landscape: bool = False, numbers_from: int | None = -1) -> PageSetup:
    """Return the page setup of the unit's documents, optionally landscape; `numbers_from` is the first
    numbered page (-1: the profile's setting, None: no page numbers)."""
    layout = profile.layout
    width, height = layout.get("kertas_mm") or PAPERS_MM[layout["kertas"]]
    first = layout["nomor_halaman_mulai"] if numbers_from == -1 else numbers_from
    return PageSetup(
        width_mm=width,
        height_mm=height,
        margin_top=layout["margin_atas"],
        margin_right=layout["margin_kanan"],
        margin_bottom=layout["margin_bawah"],
        margin_left=layout["margin_kiri"],
        font=layout["huruf"],
        font_size_pt=layout["ukuran_huruf"],
        landscape=landscape,
        numbers_from=first,
    )
