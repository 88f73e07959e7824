"""A DOCX opens in Word as an Indonesian document (issue 16): proofing language id-ID, so Word does not mark
every word as misspelt, and no "update the fields?" question on opening."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from conftest import ROOT
from reportgen.conventions.civil_service import parse_pangkat
from reportgen.render.docx import DocxWriter
from reportgen.render.template_folder import templates_dir
from reportgen.inputs.profile import load_profile
from reportgen.inputs.schemas.roster import Signer
from reportgen.model.pact import PactOptions, build_pact


def render_document(document, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Return format -> bytes of a document, as reportgen renders it."""
    return {"docx": DocxWriter(templates_dir(None) / "reference.docx").render(document)}


def test_proofing_language_is_indonesian_and_no_field_update_prompt():
    profile = load_profile(ROOT / "inputs" / "unit.yaml")
    official = Signer(2, "Budi Santoso", "197001012000031001", parse_pangkat("IV/a"), "Kepala Bagian Umum",
                      None, None, None, None)
    data = render_document(build_pact(profile, official, PactOptions(dt.date(2021, 3, 8), "Jakarta")),
                           ("docx",))["docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        settings = z.read("word/settings.xml").decode()
        document = z.read("word/document.xml").decode()
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert re.search(r'<w:lang w:val="id-ID"', defaults)
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    assert re.search(r'<w:lang w:val="id-ID"', normal)
    # no other language anywhere: not on a style, not on a run
    assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles + document)) == {"id-ID"}
    assert "updateFields" not in settings
