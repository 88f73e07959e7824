"""Lower the style vocabulary to a sample document: every style shown by its name, so a clerk who changes
reference.docx in Word sees what each one changes (`reportgen templat` writes it as contoh-gaya.pdf/.docx)."""

from __future__ import annotations

import datetime as dt

from reportgen.model import blocks as b
from reportgen.model import styles

# styles a sample line cannot show: a page break (it would start a new page)
NOT_SHOWN = ("ganti-halaman",)
# the cell styles of the ruled tables: shown, by name, in the sample tables rather than as lines
IN_TABLES = tuple(f"{table}-{part}" for table in ("tabel", "tabel-kecil")
                  for part in ("kepala", "isi", "isi-tengah", "isi-kanan", "grup", "arsir", "jumlah"))


def style_sample(page: b.PageSetup, date: dt.date) -> b.Document:
    """Return the sample document: one line per paragraph style in its own style, then both ruled tables."""
    blocks: list = [b.Paragraph((b.Span("Contoh gaya reference.docx"),), "judul-besar"),
                    b.Paragraph((b.Span("Setiap baris di bawah ditulis dengan gaya yang namanya tertulis di "
                                        "awal baris. Ubah gaya itu di Word (Beranda > Gaya), lalu buat ulang "
                                        "contoh ini untuk melihat hasilnya di DOCX dan PDF."),), "teks")]
    for name in styles.PARAGRAPH_STYLES:
        if name not in NOT_SHOWN + IN_TABLES:
            blocks.append(b.Paragraph((b.Span(f"{name}: contoh teks"),), name))
    for table in ("tabel", "tabel-kecil"):
        blocks.append(b.Paragraph((b.Span(f"Gaya tabel {table}:"),), "keterangan-tabel"))
        blocks.append(b.Table(
            columns=(b.Column(f"{table}-kepala", 40), b.Column("tengah", 30, "center"), b.Column("kanan", 30, "right")),
            rows=(b.Row((b.Cell(f"{table}-grup", colspan=3),), "grup"),
                  b.Row((b.Cell(f"{table}-isi"), b.Cell(f"{table}-isi-tengah"), b.Cell(f"{table}-isi-kanan"))),
                  b.Row((b.Cell(f"{table}-arsir", shade=True), b.Cell(""), b.Cell(f"{table}-jumlah", style=f"{table}-jumlah"))),
                  ),
            style=table))
    meta = b.DocumentMeta("Contoh gaya", "reportgen", "Kosakata gaya reference.docx", date=date)
    return b.Document(meta, page, tuple(blocks))
