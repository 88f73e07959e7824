"""The style vocabulary and shared geometry: every style name a builder may give a block, and the layout
decisions both writers follow (the DOCX writer maps them onto reference.docx, the HTML templates onto
print.css), so that the two formats agree by construction.

Each name is a paragraph or table style of `templates/reference.docx` and a class of `templates/print.css`
(tests/test_writers.py checks both).
"""

from __future__ import annotations

PARAGRAPH_STYLES = (
    "teks", "teks-tengah", "teks-kanan", "teks-menjorok",
    "judul", "judul-akhir", "judul-besar",
    "kop-1", "kop-2", "kop-logo", "kop-alamat", "kop-garis",
    "isian", "daftar", "butir", "butir-a",
    "ttd", "ttd-nama", "materai", "ttd-ruang", "ttd-jarak",
    "tabel-kepala", "tabel-isi", "tabel-isi-tengah", "tabel-isi-kanan", "tabel-grup", "tabel-arsir", "tabel-jumlah",
    "tabel-kecil-kepala", "tabel-kecil-isi", "tabel-kecil-isi-tengah", "tabel-kecil-isi-kanan", "tabel-kecil-grup",
    "tabel-kecil-arsir", "tabel-kecil-jumlah",
    "lampiran", "lampiran-teks",
    "keputusan-judul", "keputusan-tengah", "keputusan-jarak",
    "diktum", "daftar-lebar", "diktum-lebar", "diktum-akhir", "diktum-lebar-akhir",
    "nomor-halaman", "tanda-verifikasi", "ganti-halaman",
    "bab", "subbab", "daftar-isi", "daftar-isi-2",
    "sampul-jarak", "sampul-judul", "sampul-logo", "sampul-teks",
    "gambar", "keterangan-gambar", "keterangan-tabel", "catatan", "catatan-butir",
    "tabel-tebal", "tabel-tebal-kanan",
)
TABLE_STYLES = ("tabel", "tabel-kecil", "tanpa-garis", "materai-kotak")

# Titles and letterhead lines: when one wraps, its lines are balanced so that no word stands alone on the last
# (render/title_lines.py, for both writers).
BALANCED_STYLES = ("kop-1", "kop-2", "kop-alamat", "judul", "judul-akhir", "judul-besar", "keputusan-judul", "keputusan-tengah",
                   "sampul-judul", "sampul-teks", "teks-tengah")

# Letterhead: the lines centred between two sides this wide; the logo sits in the left one.
LETTERHEAD_SIDE_MM = 28.0
LETTERHEAD_LOGO_MM = 24.0

# An attachment's header block starts at this share of the text width (the right part of the page).
ATTACHMENT_INDENT = 0.45

# Two signers side by side share the width equally (a name or a NIP of either never wraps); the main signer's
# column is wider when its space holds the duty stamp's box (a pact: its long name then wraps less, the page holds).
TWO_SIGNERS_STAMPED = (0.40, 0.60)

# Between two text columns of a page (PageSetup.columns).
COLUMN_GAP_MM = 8.0

CELL_ALIGN_SUFFIX = {"center": "-tengah", "right": "-kanan"}


def cell_style(table_style: str, row_style: str, cell_style_name: str | None, shade: bool, align: str) -> str:
    """Return the paragraph style of a table cell: its own, else derived from its table, row and column."""
    if cell_style_name:
        return cell_style_name
    if shade:
        return f"{table_style}-arsir"
    if row_style:
        return f"{table_style}-{row_style}"
    return f"{table_style}-isi{CELL_ALIGN_SUFFIX.get(align, '')}"


def signature_shares(count: int, first_empty: bool, stamped: bool = False) -> tuple[float, ...]:
    """Return each signature column's share of the text width: equal halves (one signer alone takes the right
    half, or the left), the stamped main signer's the wider."""
    if count == 2 and not first_empty and stamped:
        return TWO_SIGNERS_STAMPED
    return tuple(1 / count for _ in range(count))
