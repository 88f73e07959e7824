"""The common Python alternative, for comparison: the same pact filled with docxtpl, then converted by LibreOffice.

The template is reportgen's own pact DOCX (so both make the same page), with Jinja tags where one official's
texts were and a stand-in picture where the QR code was. For each row of the roster (read with openpyxl), a
DocxTemplate is filled and saved (name, NIP, rank, office, the verification code and its QR code, drawn with
segno as reportgen draws it); then one `soffice --headless --convert-to pdf` converts every DOCX. It makes no
print file, manifest or register: only one DOCX and one PDF per official, less than reportgen does.

Usage: .venv/bin/python bench/bench_docxtpl.py ROSTER.xlsx OUT_FOLDER   (docxtpl: pip install -e '.[bench]')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# distinctive stand-ins for one official's texts in the template, each replaced by its Jinja tag
STAND_INS = {"NAMAPEGAWAISEMENTARA": "{{ nama }}", "19990101 202001 1 001": "{{ nip }}",
             "JABATANPEGAWAISEMENTARA": "{{ jabatan }}", "Pembina Utama (IV/e)": "{{ pangkat }}",
             "ZZZZ-ZZZZ-ZZZZ": "{{ kode }}"}
STAND_IN_QR = "https://contoh.invalid/ZZZZ-ZZZZ-ZZZZ"


def make_template(path: Path) -> bytes:
    """Write the docxtpl template: reportgen's pact DOCX for a stand-in official, its texts made Jinja tags.
    Return the stand-in QR picture's bytes (docxtpl finds the picture to replace by them)."""
    from reportgen.conventions.civil_service import parse_pangkat
    from reportgen.documents.look import apply_look
    from reportgen.errors import ProblemCollector
    from reportgen.inputs.profile import load_profile
    from reportgen.inputs.schemas.roster import Signer
    from reportgen.model.blocks import Verification
    from reportgen.model.pact import PactOptions, build_pact
    from reportgen.render.docx import DocxWriter
    from reportgen.render.qr import qr_png
    from reportgen.render.template_folder import shipped_templates_dir

    profile = apply_look(load_profile(ROOT / "inputs" / "unit.yaml"), shipped_templates_dir(), ProblemCollector())
    signer = Signer(row=2, name="NAMAPEGAWAISEMENTARA", nip="199901012020011001", pangkat=parse_pangkat("IV/e"),
                    office="JABATANPEGAWAISEMENTARA", agency=None, supervisor_name=None, supervisor_nip=None,
                    supervisor_office=None)
    document = build_pact(profile, signer, PactOptions(dt.date(2021, 3, 17), "Jakarta"))
    mark = Verification("ZZZZ-ZZZZ-ZZZZ", STAND_IN_QR, ("Kode verifikasi: ZZZZ-ZZZZ-ZZZZ",
                                                        "Pindai kode QR atau periksa kode ini untuk memastikan "
                                                        "keaslian dokumen."))
    document = dataclasses.replace(document, verification=mark)
    data = DocxWriter(shipped_templates_dir() / "reference.docx").render(document)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith(".xml"):
                text = content.decode("utf-8")
                for stand_in, tag in STAND_INS.items():
                    text = text.replace(stand_in, tag)
                content = text.encode("utf-8")
            target.writestr(item, content)
    return qr_png(STAND_IN_QR)


def grouped_nip(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def fill(roster: Path, folder: Path) -> list[Path]:
    """Fill the template once per official of the roster; return the DOCX files."""
    import segno
    from docxtpl import DocxTemplate
    from openpyxl import load_workbook

    template = folder / "pakta-docxtpl.docx"
    stand_in = make_template(template)
    sheet = load_workbook(roster, read_only=True).active
    files = []
    for row in list(sheet.iter_rows(min_row=2, values_only=True)):
        _, name, nip, grade, office = row[:5]
        nip = "".join(ch for ch in str(nip) if ch.isdigit())
        code = hashlib.sha256(nip.encode()).hexdigest()[:12].upper()
        code = f"{code[:4]}-{code[4:8]}-{code[8:]}"
        qr = io.BytesIO()
        segno.make(f"https://contoh.invalid/{code}", error="m", micro=False, mask=2).save(qr, kind="png", scale=6,
                                                                                           border=0)
        document = DocxTemplate(template)
        document.render({"nama": name, "nip": grouped_nip(nip), "pangkat": grade, "jabatan": office, "kode": code})
        document.replace_media(io.BytesIO(stand_in), io.BytesIO(qr.getvalue()))
        path = folder / f"{nip}.docx"
        document.save(path)
        files.append(path)
    return files


# LibreOffice (7.4) converts at most 247 of the files one `soffice --convert-to` names, then exits as if it
# had converted them all: the files go in calls of at most this many.
FILES_PER_CALL = 200


def convert(files: list[Path], folder: Path) -> list[Path]:
    """Convert every DOCX to PDF with LibreOffice (its own profile), FILES_PER_CALL files per process."""
    out = folder / "pdf"
    with tempfile.TemporaryDirectory() as profile:
        for start in range(0, len(files), FILES_PER_CALL):
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(out)] + [str(f) for f in files[start:start + FILES_PER_CALL]],
                           check=True, capture_output=True)
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != len(files):
        raise SystemExit(f"LibreOffice made {len(pdfs)} PDF of {len(files)} DOCX")
    return pdfs


def run(roster: Path, folder: Path) -> dict[str, float]:
    """Return the seconds of each step, the files made, and the peak memory of this process and of LibreOffice."""
    start = time.perf_counter()
    files = fill(roster, folder)
    filled = time.perf_counter()
    pdfs = convert(files, folder)
    done = time.perf_counter()
    return {"docxtpl": filled - start, "soffice": done - filled, "total": done - start,
            "docx": len(files), "pdf": len(pdfs),
            "own_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "soffice_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    result = run(Path(sys.argv[1]), Path(sys.argv[2]))
    print(", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items()))
