"""Every settings file as a form on the page (Starlette's TestClient): generated from the catalogue and the models,
sent back unchanged it leaves the file byte for byte, a change keeps the file's comments, a mistake is said with
the command line's words beside its field and nothing is written; a person picked from the staff list."""

from __future__ import annotations

import html
import re

import pytest

from conftest import web_on_example

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from reportgen.documents.registry import catalogue  # noqa: E402

PASSWORD = "kata-sandi-uji-123"
SETTINGS = [f for f in catalogue() if f.settings_model]


def token(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def as_form(pairs) -> dict[str, list[str]]:
    """Return (name, value) pairs as the test client sends a form."""
    form: dict[str, list[str]] = {}
    for name, value in pairs:
        form.setdefault(name, []).append(value)
    return form


def fields_of(page_html: str) -> list[tuple[str, str]]:
    """Return what the settings form would send as it is shown: every named input, textarea and select."""
    form = page_html[page_html.index('<form method="post" action="/tahun/'):]
    form = form[:form.index("</form>")]
    form = re.sub(r"<template>.*?</template>", "", form, flags=re.S)
    found = []
    for match in re.finditer(r'<(input|textarea|select)\b([^>]*)>(.*?)(?=<(?:input|textarea|select)\b|</form>|$)',
                             form, re.S):
        tag, attrs, rest = match.groups()
        name = re.search(r'\bname="([^"]*)"', attrs)
        if not name:
            continue
        if tag == "input":
            value = re.search(r'\bvalue="([^"]*)"', attrs)
            found.append((html.unescape(name.group(1)), html.unescape(value.group(1)) if value else ""))
        elif tag == "textarea":
            found.append((html.unescape(name.group(1)), html.unescape(rest[:rest.index("</textarea>")])))
        else:
            chosen = re.search(r'<option value="([^"]*)" selected>', rest[:rest.index("</select>")])
            found.append((html.unescape(name.group(1)), html.unescape(chosen.group(1)) if chosen else ""))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    config, app = web_on_example(tmp_path_factory.mktemp("forms"), "kepala", PASSWORD, "pimpinan")
    client = TestClient(app)
    client.post("/masuk", data={"nama": "kepala", "sandi": PASSWORD, "csrf": token(client.get("/masuk"))})
    return client, config


def path_of(config, spec):
    return config.inputs / spec.name if spec.unit_level else config.inputs / "2021" / spec.name


@pytest.mark.parametrize("spec", SETTINGS, ids=[s.name for s in SETTINGS])
def test_each_settings_file_sent_back_unchanged_stays_byte_for_byte(site, spec):
    client, config = site
    before = path_of(config, spec).read_bytes()
    page = client.get(f"/tahun/2021/isian/{spec.name}")
    assert page.status_code == 200
    from reportgen.conventions.settings_schema import field_descriptors
    for field in field_descriptors(spec.model()):
        if field.name != "penomoran":
            assert f">{html.escape(field.label)}" in page.text, field.label  # every field, labelled in Indonesian
    sent = fields_of(page.text)
    assert sent and all(n == "csrf" or not n.startswith("penomoran.register") for n, _ in sent)
    response = client.post(f"/tahun/2021/isian/{spec.name}", data=as_form(sent))
    assert response.status_code == 200 and f"{spec.name} diterima dan dipakai" in response.text, response.text[-3000:]
    assert path_of(config, spec).read_bytes() == before


def test_a_changed_decree_keeps_its_comments_and_a_mistake_is_said_beside_its_field(site):
    client, config = site
    path = config.inputs / "2021" / "keputusan-tim-rb.yaml"
    before = path.read_text(encoding="utf-8")
    sent = fields_of(client.get("/tahun/2021/isian/keputusan-tim-rb.yaml").text)
    wrong = [(n, "2021-02-30" if n == "tanggal" else v) for n, v in sent] + [("menimbang[3]", "bahwa ketiga")]
    check = client.post("/tahun/2021/isian/keputusan-tim-rb.yaml/periksa", data=as_form(wrong)).json()["problems"]
    assert [p["key"] for p in check] == ["tanggal"]
    response = client.post("/tahun/2021/isian/keputusan-tim-rb.yaml", data=as_form(wrong))
    assert response.status_code == 422 and path.read_text(encoding="utf-8") == before
    assert 'data-for="tanggal"' in response.text and check[0]["message"] in html.unescape(response.text)
    assert "bahwa ketiga" in response.text  # what the clerk typed is still there
    right = [(n, "2021-03-09" if n == "tanggal" else v) for n, v in wrong]
    assert client.post("/tahun/2021/isian/keputusan-tim-rb.yaml", data=as_form(right)).status_code == 200
    after = path.read_text(encoding="utf-8")
    assert "tanggal: 2021-03-09\n" in after and "  - bahwa ketiga\n" in after
    assert [line for line in before.splitlines() if line.startswith("#")] == \
        [line for line in after.splitlines() if line.startswith("#")]
