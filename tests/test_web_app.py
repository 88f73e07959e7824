"""The web page without a browser (Starlette's TestClient): sign in, CSRF, uploads, runs, downloads, register,
verification, error pages, and the account commands."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile

import pytest

from conftest import ROOT, run_cli, web_on_example
from factories import make_roster, write_sheet

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from reportgen.documents.publish import ShorterList  # noqa: E402
from reportgen.trust.register import Register  # noqa: E402
from reportgen.unit import Unit  # noqa: E402
from reportgen.web.accounts import add_user, check_password  # noqa: E402
from reportgen.web.app import create_app  # noqa: E402
from reportgen.web.config import WebConfig  # noqa: E402
from reportgen.web.jobs import Jobs  # noqa: E402
from reportgen.web.year_inputs import all_inputs  # noqa: E402

PASSWORD = "kata-sandi-uji-123"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf(page) -> str:
    return CSRF.search(page.text).group(1)


def sign_in(client: TestClient, name: str = "ani", password: str = PASSWORD):
    token = csrf(client.get("/masuk"))
    return client.post("/masuk", data={"nama": name, "sandi": password, "csrf": token}, follow_redirects=False)


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One app on a copy of the example inputs, one operator, and one published batch of pacts."""
    root = tmp_path_factory.mktemp("web")
    config, app = web_on_example(root, "ani", PASSWORD)
    client = TestClient(app)
    assert sign_in(client).status_code == 303
    token = csrf(client.get("/tahun/2021"))
    assert client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "pakta-integritas"},
                       follow_redirects=False).status_code == 303
    app.state.jobs.wait(2021)
    return app, client, config, root


@pytest.fixture
def signed_in(server):
    app, client, config, root = server
    return client, csrf(client.get("/tahun/2021"))


@pytest.mark.slow
def test_signed_out_every_page_but_login_and_verification_goes_to_sign_in(server):
    app, _, _, _ = server
    client = TestClient(app)
    for path in ("/", "/tahun/2021", "/register", "/tahun/2021/proses", "/tahun/2021/masukan/pegawai.xlsx",
                 "/tahun/2021/hasil/pakta-integritas-2021.zip", "/tahun/2021/templat/pegawai.xlsx"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/masuk", path
    response = client.post("/tahun/2021/buat", data={"jenis": "semua"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/masuk"
    assert client.get("/masuk").status_code == 200
    assert "Verifikasi keaslian dokumen" in client.get("/verifikasi").text
    assert client.get("/verifikasi/7K3M-Q9PX-2HDA").status_code == 200


def test_session_cookie_is_httponly_and_samesite(server):
    app, _, _, _ = server
    response = sign_in(TestClient(app))
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert response.headers["location"] == "/"


@pytest.mark.slow
def test_a_wrong_password_is_refused_and_attempts_are_limited(server):
    _, _, config, _ = server
    client = TestClient(create_app(config))  # its own limiter: the other tests sign in from the same address
    for _ in range(5):
        assert "Nama pengguna atau kata sandi salah" in sign_in(client, "budi", "salah-sekali-123").text
    response = sign_in(client, "budi", "salah-sekali-123")
    assert response.status_code == 429 and "Terlalu banyak percobaan" in response.text
    assert sign_in(client, "budi", PASSWORD).status_code == 429  # even the right password waits now


def test_a_form_without_its_token_is_refused_and_offered_again_in_plain_words(server):
    app, client, _, _ = server
    own = {"origin": "http://testserver"}
    for path, data in (("/tahun/2021/buat", {"jenis": "semua"}), ("/keluar", {}),
                       ("/tahun/2021/buat", {"jenis": "pakta-integritas", "ganti_semua": "ya", "csrf": "palsu"})):
        response = client.post(path, data=data, headers=own)
        assert response.status_code == 403 and "Halaman ini sudah lama" in response.text
        assert "CSRF" not in response.text and "token" not in response.text
    assert "<dt>Dokumen</dt><dd>Pakta integritas</dd>" in response.text  # what the clerk chose, kept
    assert '<input type="hidden" name="ganti_semua" value="ya">' in response.text
    assert f'name="csrf" value="{csrf(client.get("/"))}"' in response.text  # sent again with the session's token
    forged = client.post("/tahun/2021/buat", data={"jenis": "semua"}, headers={"origin": "https://lain.example"})
    assert forged.status_code == 403 and "tidak dikirim dari halaman server ini" in forged.text
    assert 'name="jenis"' not in forged.text  # another site's choices are never offered to be sent
    fresh = TestClient(app)
    response = fresh.post("/masuk", data={"nama": "ani", "sandi": PASSWORD}, headers=own)
    assert response.status_code == 403 and "Halaman masuk ini sudah lama" in response.text


def test_a_second_sign_in_keeps_the_token_of_the_pages_open_in_other_tabs(server):
    app, _, _, _ = server
    client = TestClient(app)
    sign_in(client)
    first_tab = csrf(client.get("/tahun/2021"))
    sign_in(client)  # the same browser signs in again (in a second tab)
    assert csrf(client.get("/")) == first_tab
    assert client.get("/sesi/token").json() == {"token": first_tab}


def test_year_page_shows_each_input_state(signed_in):
    client, _ = signed_in
    page = client.get("/tahun/2021").text
    for name in ("unit.yaml", "pegawai.xlsx", "tim-rb.xlsx", "keputusan-tim-rb.yaml", "rencana-aksi.xlsx",
                 "penilaian.xlsx"):
        assert f"<code>{name}</code>" in page
    assert page.count('class="badge ok">sah<') >= 8
    required = [s for s in all_inputs() if s.required and not s.unit_level]
    empty = client.get("/tahun/2030").text
    assert empty.count(">belum ada<") == len(required) >= 5
    assert empty.count("Unduh lembar kerja kosong") == len([s for s in all_inputs() if s.blank]) == 5
    assert empty.count(">Isi formulir<") == len([s for s in all_inputs() if s.settings_model and not s.unit_level]) + 0
    assert "Dipakai untuk: Pakta Integritas" in page.replace("Pakta integritas", "Pakta Integritas")
    assert "Mulai tahun baru dari 2029" not in empty and "Belum ada tahun 2029" in empty


def test_what_a_reader_only_notes_is_shown_apart_from_warnings(signed_in):
    client, _ = signed_in
    page = client.get("/tahun/2021").text
    # the example's assessment workbook: the official LKE form and its REKAP sheet, read as notices
    notes = re.findall(r'<span class="badge info">Catatan</span> <strong>([^<]*)</strong>([^<]*)</li>', page)
    assert any("REKAP" in message and "tidak dibaca sebagai butir" in message for _, message in notes), notes
    assert all(file.startswith("2021/") and "/tmp" not in file for file, _ in notes), notes
    assert re.search(r"<summary>(\d+ peringatan, )?\d+ catatan \(berkas tetap dipakai\)</summary>", page)
    warned = re.findall(r'<span class="badge warn">\d+&times;</span> <strong>[^<]*</strong>\s*([^<]*)', page)
    assert not any("REKAP" in message for message in warned)


def test_an_upload_with_problems_is_kept_aside_with_its_table(server, signed_in, tmp_path):
    client, token = signed_in
    _, _, config, _ = server
    before = (config.inputs / "2021" / "pegawai.xlsx").read_bytes()
    bad = write_sheet(tmp_path / "pegawai.xlsx", ["Nama", "NIP", "Pangkat/Golongan", "Jabatan"],
                      [["Budi Santoso", "1234", "IV/a", "Kepala Bagian"], ["", "197001012000031001", "X/z", "Staf"]])
    response = client.post("/tahun/2021/unggah", data={"csrf": token, "nama": "pegawai.xlsx"},
                           files={"berkas": ("../../etc/passwd", bad.read_bytes())})
    assert response.status_code == 422
    assert "pegawai.xlsx ditolak: 3 masalah" in response.text
    table = cells(response.text)
    assert table[:4] == ["2021/pegawai.xlsx", "2", "NIP", "1234"]  # what the cell holds, in its own column
    assert "NIP harus 18 angka, ditemukan 4 angka" in table[4]
    assert ["2021/pegawai.xlsx", "3", "Nama"] == table[5:8]
    assert (config.inputs / "2021" / "pegawai.xlsx").read_bytes() == before
    kept = list((config.uploads / "2021").glob("*.xlsx"))
    assert len(kept) == 1 and re.fullmatch(r"[0-9a-f]{24}\.xlsx", kept[0].name)
    assert kept[0].read_bytes() == bad.read_bytes()
    page = client.get("/tahun/2021").text  # reopened later: the rejected upload is still told
    assert "Unggahan terakhir ditolak" in page and "NIP harus 18 angka" in page


def test_a_file_of_the_wrong_type_is_refused_by_its_content(server, signed_in):
    client, token = signed_in
    docx = next(ROOT.glob("templates/*.docx")).read_bytes()
    for name, data, message in (("pegawai.xlsx", docx, "bukan lembar kerja Excel (.xlsx) (berkas ZIP lain"),
                                ("pegawai.xlsx", b"Nama,NIP\nBudi,1\n", "bukan lembar kerja Excel"),
                                ("pegawai.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel lama (.xls)"),
                                ("laporan.yaml", b"\x89PNG\r\n\x1a\n\0\0", "berisi data biner")):
        response = client.post("/tahun/2021/unggah", data={"csrf": token, "nama": name},
                               files={"berkas": ("data.xlsx", data)})
        assert response.status_code == 422 and message in response.text, message
    response = client.post("/tahun/2021/unggah", data={"csrf": token, "nama": "../unit.yaml"},
                           files={"berkas": ("unit.yaml", b"a: 1")})
    assert response.status_code == 400


def test_an_upload_larger_than_the_limit_is_refused(server, signed_in):
    client, token = signed_in
    _, _, config, _ = server
    response = client.post("/tahun/2021/unggah", data={"csrf": token, "nama": "pegawai.xlsx"},
                           files={"berkas": ("big.xlsx", b"PK" + b"\0" * (config.max_upload + 100_000))})
    assert response.status_code == 413 and "Berkas terlalu besar" in response.text
    assert "Traceback" not in response.text
    chunked = client.post("/tahun/2021/unggah", data={"csrf": token, "nama": "pegawai.xlsx"},
                          files={"berkas": ("a.xlsx", b"PK" * 10), "lain": ("b.xlsx", b"PK" * 10)})
    assert chunked.status_code == 413 and "terlalu banyak berkas" in chunked.text


def test_a_good_upload_takes_the_place_of_the_file(server, signed_in, tmp_path):
    client, token = signed_in
    _, _, config, _ = server
    make_roster(tmp_path / "pegawai.xlsx", 3)
    response = client.post("/tahun/2031/unggah", data={"csrf": token, "nama": "pegawai.xlsx"},
                           files={"berkas": ("Daftar Pegawai.xlsx", (tmp_path / "pegawai.xlsx").read_bytes())})
    assert response.status_code == 200 and "pegawai.xlsx diterima dan dipakai" in response.text
    assert (config.inputs / "2031" / "pegawai.xlsx").read_bytes() == (tmp_path / "pegawai.xlsx").read_bytes()
    assert 'class="badge ok">sah<' in response.text


def test_every_spreadsheet_has_its_blank_workbook_on_the_year_page(signed_in):
    from openpyxl import load_workbook

    client, _ = signed_in
    page = client.get("/tahun/2033").text
    blanks = [s for s in all_inputs() if s.format == "xlsx"]
    assert len(blanks) == 5 and all(s.blank for s in blanks)
    for spec in blanks:
        assert f'href="/tahun/2033/templat/{spec.name}"' in page
        response = client.get(f"/tahun/2033/templat/{spec.name}")
        assert response.status_code == 200 and f'filename="{spec.name}"' in response.headers["content-disposition"]
        sheet = load_workbook(io.BytesIO(response.content))[spec.sheet]
        assert [c.value for c in sheet[1]][:len(spec.columns)] == [c.header for c in spec.columns]
        assert sheet.max_row >= 2  # an example row
        chosen = {c.header for c in spec.columns if c.choices}
        assert len(sheet.data_validations.dataValidation) == len(chosen) >= 1  # golongan, area, answer kinds
        for index, column in enumerate(spec.columns, start=1):
            if column.text:
                assert sheet.cell(row=2, column=index).number_format == "@"  # a NIP stays text


def test_a_run_publishes_through_the_pipeline_with_previews_and_a_zip(server, signed_in):
    client, _ = signed_in
    _, _, config, _ = server
    state = client.get("/tahun/2021/proses").json()
    assert state["status"] == "selesai" and state["percent"] == 100 and state["done"] == state["total"] == 21
    page = client.get("/tahun/2021").text
    assert "21 pakta" in page
    preview = re.search(r'src="(/tahun/2021/hasil/pratinjau-pakta-integritas\.png)"', page).group(1)
    assert client.get(preview).content[:8] == b"\x89PNG\r\n\x1a\n"
    printed = client.get("/tahun/2021/berkas/pakta-integritas/pakta-integritas-2021-cetak.pdf")
    assert printed.content[:5] == b"%PDF-"
    archive = zipfile.ZipFile(io.BytesIO(client.get("/tahun/2021/hasil/pakta-integritas-2021.zip").content))
    names = archive.namelist()
    assert "pakta-integritas/manifest.csv" in names and "pakta-integritas/pakta-integritas-2021-cetak.pdf" in names
    assert sum(n.endswith(".pdf") for n in names) == 22 and sum(n.endswith(".docx") for n in names) == 21
    assert config.unit.register.is_file() and config.unit.register == config.inputs / "register.sqlite"


def test_only_files_of_the_run_can_be_downloaded(signed_in):
    client, _ = signed_in
    for path in ("/tahun/2021/berkas/../register.sqlite", "/tahun/2021/berkas/%2e%2e/register.sqlite",
                 "/tahun/2021/hasil/..%2Fproses.json", "/tahun/2021/berkas/pakta-integritas/lain.pdf",
                 "/tahun/2021/masukan/..%2Funit.yaml"):
        assert client.get(path).status_code == 404, path


def test_a_second_run_of_a_year_in_progress_is_told_sedang_diproses(server, signed_in):
    app, client, config, _ = server
    _, token = signed_in
    last = app.state.jobs.state(2021)
    other = Jobs(config.jobs_folder, config.unit, jobs=1).store  # another server process on the same register
    other.begin(2021, {**last, "id": "lain"})  # its run of the year, waiting for its runner
    try:
        response = client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "semua"})
        assert response.status_code == 409 and "sedang diproses" in response.text
    finally:
        other.save({**last, "id": "lain"}, last["status"])


def test_a_run_with_problems_lists_them_and_writes_nothing(server, signed_in):
    app, client, config, _ = server
    _, token = signed_in
    (config.inputs / "2032").mkdir()
    write_sheet(config.inputs / "2032" / "pegawai.xlsx", ["Nama", "NIP", "Pangkat/Golongan", "Jabatan"],
                [["Budi", "1234", "IV/a", "Kepala"]])
    client.post("/tahun/2032/buat", data={"csrf": token, "jenis": "pakta-integritas"})
    app.state.jobs.wait(2032)
    page = client.get("/tahun/2032").text
    assert "gagal" in page and "tidak ada berkas yang ditulis" in page and "NIP harus 18 angka" in page
    assert not (config.out / "2032").exists()


def test_register_lists_and_searches_the_issued_documents(signed_in):
    client, _ = signed_in
    page = client.get("/register").text
    assert "22 dokumen" in page and "Pakta Integritas" in page
    found = client.get("/register", params={"cari": "yuliana"}).text
    assert "1 dokumen" in found and re.search(r'/verifikasi/([0-9A-Z-]{14})"', found)


def _code(client) -> str:
    return re.search(r'/verifikasi/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})"', client.get("/register").text).group(1)


def test_verification_by_code_shows_only_public_facts(server, signed_in):
    app, client, config, _ = server
    from reportgen.trust.register import Register
    with Register(config.unit.register, read_only=True) as reg:
        entry = next(e for e in reg.entries() if e.person and e.doc_id)  # one person's pact
    code = entry.doc_id
    public = TestClient(app)
    page = public.get(f"/verifikasi/{code.lower().replace('-', '')}").text
    assert ">ASLI<" in page and "Pakta Integritas" in page and "Direktorat Jenderal Politik" in page
    person = re.search(r'<dd class="person">([^<]+)</dd>', page).group(1)
    nip = re.search(r'<dd class="nip">([^<]+)</dd>', page).group(1)
    assert re.fullmatch(r"\d{8} \*{6} \* \d{3}", nip)  # whose pact, as a checker matches it to the paper
    assert person == entry.person and nip == f"{entry.identity[:8]} ****** * {entry.identity[15:]}"
    assert entry.identity not in page and entry.identity[8:14] not in page  # never the whole NIP
    from reportgen.inputs.schemas.roster import load_roster
    from reportgen.errors import ProblemCollector
    signer = next(s for s in load_roster(config.inputs / "2021" / "pegawai.xlsx", None, ProblemCollector())
                  if s.nip == entry.identity)
    assert signer.office not in page and signer.pangkat.golongan not in page  # nor office or rank
    assert '<img src="/logo"' in page and public.get("/logo").content[:8] == b"\x89PNG\r\n\x1a\n"
    assert ">TIDAK DIKENAL<" in public.get("/verifikasi/7K3M-Q9PX-2HDA").text
    assert "bukan kode verifikasi" in public.get("/verifikasi/halo").text


def test_verification_of_an_uploaded_file(server, signed_in):
    app, client, config, _ = server
    public = TestClient(app)
    token = csrf(public.get("/verifikasi"))
    pdf = next((config.out / "2021" / "pakta-integritas").glob("1*.pdf")).read_bytes()
    page = public.post("/verifikasi", data={"csrf": token}, files={"berkas": ("x.pdf", pdf)}).text
    assert ">ASLI<" in page and "sama persis" in page
    tampered = pdf.replace(b"/Producer", b"/Producor", 1)
    assert tampered != pdf
    page = public.post("/verifikasi", data={"csrf": token}, files={"berkas": ("x.pdf", tampered)}).text
    assert ">DIUBAH<" in page
    page = public.post("/verifikasi", data={"csrf": token}, files={"berkas": ("x.pdf", b"%PDF-1.7 halo")}).text
    assert ">TIDAK DIKENAL<" in page
    assert public.post("/verifikasi", files={"berkas": ("x.pdf", pdf)}).status_code == 403


def test_a_server_error_shows_a_reference_and_logs_the_traceback(server, signed_in, caplog, monkeypatch):
    app, client, _, _ = server

    def broken(*args, **kwargs):
        raise RuntimeError("rahasia internal")
    monkeypatch.setattr("reportgen.web.app.register_rows", broken)
    client = TestClient(app, raise_server_exceptions=False)
    sign_in(client)
    response = client.get("/register")
    assert response.status_code == 500
    reference = re.search(r"Kode rujukan: <strong>([0-9A-F]{8})</strong>", response.text).group(1)
    assert "rahasia internal" not in response.text and "Traceback" not in response.text
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)


def test_pages_say_not_found_in_indonesian(signed_in):
    client, _ = signed_in
    response = client.get("/tidak-ada")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.text


def test_accounts_keep_only_an_argon2_hash(tmp_path):
    path = tmp_path / "pengguna.sqlite"
    add_user(path, "Kepala", "sangat-rahasia-1", "pimpinan")
    assert b"sangat-rahasia-1" not in path.read_bytes() and b"$argon2" in path.read_bytes()
    assert check_password(path, "kepala", "sangat-rahasia-1").role == "pimpinan"
    assert check_password(path, "kepala", "salah") is None
    assert check_password(path, "orang-lain", "sangat-rahasia-1") is None


def test_pengguna_tambah_asks_the_password_hidden(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from reportgen.cli.commands import main

    result = CliRunner().invoke(main, ["pengguna", "tambah", "sekretariat", "--inputs", str(tmp_path / "inputs")],
                                input="rahasia-123456\nrahasia-123456\n")
    assert result.exit_code == 0, result.output
    assert "rahasia-123456" not in result.output
    accounts = tmp_path / "inputs" / ".server" / "pengguna.sqlite"
    assert check_password(accounts, "sekretariat", "rahasia-123456")
    assert accounts.stat().st_mode & 0o777 == 0o600 and accounts.parent.stat().st_mode & 0o777 == 0o700
    short = run_cli("pengguna", "tambah", "x1", "--inputs", tmp_path / "inputs")
    assert short.exit_code != 0


@pytest.mark.slow
def test_a_unit_starts_from_an_empty_server_with_uploads_only(tmp_path):
    config = WebConfig(Unit(tmp_path / "inputs", tmp_path / "out", data_option=tmp_path / "data"), jobs=1)
    add_user(config.accounts, "ani", PASSWORD)
    app = create_app(config)
    client = TestClient(app)
    sign_in(client)
    token = csrf(client.get("/"))
    assert client.post("/tahun", data={"csrf": token, "tahun": "2022"}, follow_redirects=False
                       ).headers["location"] == "/tahun/2022"
    page = client.get("/tahun/2022").text
    assert page.count(">belum ada<") == len([s for s in all_inputs() if s.required])  # the profile too
    profile = (ROOT / "inputs" / "unit.yaml").read_bytes()
    response = client.post("/tahun/2022/unggah", data={"csrf": token, "nama": "unit.yaml"},
                           files={"berkas": ("unit.yaml", profile)})
    assert response.status_code == 422 and "logo.png" in response.text  # the letterhead's logo is not there yet
    assert not (config.inputs / "unit.yaml").exists()
    assert client.post("/tahun/2022/unggah", data={"csrf": token, "nama": "logo.png"},
                       files={"berkas": ("logo.png", (ROOT / "inputs" / "logo.png").read_bytes())}).status_code == 200
    response = client.post("/tahun/2022/unggah", data={"csrf": token, "nama": "unit.yaml"},
                           files={"berkas": ("unit.yaml", profile)})
    assert response.status_code == 422 and "hanya dapat diubah oleh akun pimpinan" in response.text
    assert not (config.inputs / "unit.yaml").exists()  # the unit's name and head are the head's to set
    add_user(config.accounts, "kepala", PASSWORD, "pimpinan")
    leader = TestClient(app)
    sign_in(leader, "kepala")
    leader_token = csrf(leader.get("/"))
    response = leader.post("/tahun/2022/unggah/unit.yaml", data={"csrf": leader_token},
                           files={"berkas": ("unit.yaml", profile)})
    assert response.status_code == 200 and "periksa lalu konfirmasi" in response.text
    assert not (config.inputs / "unit.yaml").exists()
    confirm = re.search(r'action="(/pengaturan/[^"]+)"', response.text).group(1)
    response = leader.post(confirm, data={"csrf": leader_token, "keputusan": "pakai"})
    assert response.status_code == 200, (cells(response.text), list(config.inputs.iterdir()))
    assert (config.inputs / "unit.yaml").read_bytes() == profile
    make_roster(tmp_path / "pegawai.xlsx", 4)
    assert client.post("/tahun/2022/unggah", data={"csrf": token, "nama": "pegawai.xlsx"},
                       files={"berkas": ("p.xlsx", (tmp_path / "pegawai.xlsx").read_bytes())}).status_code == 200
    client.post("/tahun/2022/buat", data={"csrf": token, "jenis": "pakta-integritas"})
    app.state.jobs.wait(2022)
    assert client.get("/tahun/2022/proses").json()["status"] == "selesai"
    assert len(list((config.out / "2022" / "pakta-integritas").glob("*.pdf"))) == 5


@pytest.mark.slow
def test_a_leader_signs_the_decree_and_an_operator_cannot(server, signed_in, tmp_path):
    from test_sign import PASSWORD as P12_PASSWORD, make_certificate

    app, client, config, _ = server
    _, token = signed_in
    client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "keputusan"})
    app.state.jobs.wait(2021)
    p12, _ = make_certificate(tmp_path)
    form = {"csrf": token, "jenis": "keputusan", "sandi": P12_PASSWORD}
    assert "Tandatangani secara elektronik" not in client.get("/tahun/2021").text
    assert client.post("/tahun/2021/tandatangani", data=form,
                       files={"sertifikat": ("p.p12", p12.read_bytes())}).status_code == 403
    add_user(config.accounts, "kepala", PASSWORD, "pimpinan")
    leader = TestClient(app)
    sign_in(leader, "kepala")
    form["csrf"] = csrf(leader.get("/tahun/2021"))
    wrong = leader.post("/tahun/2021/tandatangani", data={**form, "sandi": "salah"},
                        files={"sertifikat": ("p.p12", p12.read_bytes())})
    assert wrong.status_code == 422 and "kata sandi salah" in wrong.text and "/tmp" not in wrong.text
    page = leader.post("/tahun/2021/tandatangani", data=form, files={"sertifikat": ("p.p12", p12.read_bytes())})
    assert page.status_code == 200 and "1 berkas ditandatangani" in page.text
    signed = client.get("/tahun/2021/berkas/keputusan-tim-rb-2021-ttd.pdf")
    assert signed.status_code == 200 and b"/ByteRange" in signed.content
    assert not list(config.data.rglob("*.p12"))


def test_ganti_semua_reaches_the_kind_as_its_option(server, signed_in, monkeypatch):
    app, client, config, _ = server
    _, token = signed_in
    asked = []

    def fake_publish(kinds, settings, skipped=()):
        asked.append(kinds)
        raise ShorterList(12, 20, settings.unit.out / "2021" / "pakta-integritas", ("1970-a", "1971-b", "1972-c"))
    monkeypatch.setattr("reportgen.web.jobs.publish", fake_publish)
    client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "pakta-integritas", "ganti_semua": "ya"})
    app.state.jobs.wait(2021)
    assert asked[0][0].replace_all is True
    page = client.get("/tahun/2021").text
    assert "akan menghapus 12 dari 20 dokumen" in page
    assert "--ganti-semua" not in page and str(config.out) not in page  # no flag, no server folder
    assert "di 2021/pakta-integritas (mis. 1970-a" in page
    remedy = re.search(r'<form method="post" action="/tahun/2021/buat" class="remedy">(.*?)</form>', page, re.S).group(1)
    assert "ganti semua dokumen lama dan buat lagi" in remedy
    sent = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', remedy))
    assert sent["jenis"] == "pakta-integritas" and sent["ganti_semua"] == "ya"
    client.post("/tahun/2021/buat", data=sent)  # the button: the same run, the box ticked
    app.state.jobs.wait(2021)
    assert asked[1][0].replace_all is True
    client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "pakta-integritas"})
    app.state.jobs.wait(2021)
    assert asked[2][0].replace_all is False
    client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "semua", "ganti_semua": "ya",
                                          "nip": "19700101 200003 1 001"})
    app.state.jobs.wait(2021)  # "Semua dokumen" gives its batch kinds the same options as a single kind
    batches = [a for a in asked[3] if a.kind.batch]
    assert batches and all(a.replace_all and a.only == ("197001012000031001",) for a in batches)
    assert all(not a.only and not a.replace_all for a in asked[3] if not a.kind.batch)


def _words(page: str) -> str:
    """Return what a person reads of a page: its text and the words of its placeholders, titles and labels."""
    body = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    shown = re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]*)"', body)
    import html as html_module
    return html_module.unescape(re.sub(r"<[^>]+>", " ", body) + "\n" + "\n".join(shown))


def test_no_page_or_provoked_error_names_an_option_a_server_folder_or_english(server, signed_in, tmp_path,
                                                                              monkeypatch):
    from page_words import page_problems

    app, client, config, root = server
    _, token = signed_in
    seen: dict[str, str] = {}

    def look(label: str, response) -> None:
        if response.headers.get("content-type", "").startswith("application/json"):  # the form's in-place check
            seen[label] = "\n".join(p["message"] + " " + str(p["found"] or "") for p in response.json()["problems"])
        else:
            seen[label] = _words(response.text)

    own = {"origin": "http://testserver"}
    for path in ["/", "/tahun/2021", "/tahun/2033", "/tahun/2021/nilai", "/tahun/2033/nilai", "/register",
                 "/register?cari=tidak-ada", "/log", "/verifikasi", "/verifikasi/halo", "/verifikasi/7K3M-Q9PX-2HDA",
                 "/tidak-ada", "/tahun/1999", "/tahun/2021/templat/unit.yaml", "/tahun/2021/isian/pegawai.xlsx",
                 "/tahun/2021/lihat/pegawai.xlsx?baris=3&kolom=NIP", "/tahun/2021/lihat/penilaian.xlsx",
                 "/tahun/2021/berkas/tidak-ada.pdf", "/keluar", "/pengaturan/tidak-ada"] + \
            [f"/tahun/2021/isian/{s.name}" for s in all_inputs() if s.settings_model]:
        look(path, client.get(path))
    bad = write_sheet(tmp_path / "pegawai.xlsx", ["Nama", "NIP", "Pangkat/Golongan", "Jabatan"],
                      [["Budi", "1234", "IV/a", "Kepala"], ["", "197001012000031001", "X/z", "Staf"]])
    docx = next(ROOT.glob("templates/*.docx")).read_bytes()
    for label, name, data in (("unggah bermasalah", "pegawai.xlsx", bad.read_bytes()),
                              ("unggah jenis salah", "pegawai.xlsx", docx),
                              ("unggah xls lama", "pegawai.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
                              ("yaml rusak", "laporan.yaml", b"judul: [a\n  b: c\n"),
                              ("yaml kunci salah", "pakta-integritas.yaml", b"tanggal: 2021-02-30\ntempatt: x\n"),
                              ("profil oleh operator", "unit.yaml",
                               (ROOT / "inputs" / "unit.yaml").read_bytes().replace(b"Ditjen Polpum", b"Ditjen X"))):
        look(label, client.post(f"/tahun/2021/unggah/{name}", data={"csrf": token}, files={"berkas": (name, data)}))
    look("unggah kosong", client.post("/tahun/2021/unggah/pegawai.xlsx", data={"csrf": token}))
    look("terlalu besar", client.post("/tahun/2021/unggah/pegawai.xlsx", data={"csrf": token},
                                      files={"berkas": ("b.xlsx", b"PK" + b"\0" * (config.max_upload + 1000))}))
    look("formulir bermasalah", client.post("/tahun/2021/isian/pakta-integritas.yaml",
                                            data={"csrf": token, "tanggal": "2021-02-30", "tempat": "x" * 300}))
    look("periksa isian", client.post("/tahun/2021/isian/rencana-aksi.yaml/periksa",
                                      data={"csrf": token, "tanggal": "kemarin"}))
    look("halaman lama", client.post("/tahun/2021/buat", data={"jenis": "semua", "csrf": "lama"}, headers=own))
    look("halaman lama formulir", client.post("/tahun/2021/isian/pakta-integritas.yaml",
                                              data={"csrf": "lama", "tempat": "Bogor"}, headers=own))
    look("dari situs lain", client.post("/tahun/2021/buat", data={"jenis": "semua"},
                                        headers={"origin": "https://lain.example"}))
    look("jenis tidak dikenal", client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "apa"}))
    look("nip salah", client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "semua", "nip": "123, abc"}))
    look("tanda tangan operator", client.post("/tahun/2021/tandatangani", data={"csrf": token, "jenis": "keputusan"}))
    look("tahun baru tanpa tahun lalu", client.post("/tahun/2040/mulai", data={"csrf": token}))
    look("masuk salah", TestClient(app).post("/masuk", data={"nama": "ani", "sandi": "salah-sekali-123",
                                                             "csrf": csrf(client.get("/masuk"))}))
    for label, error in (("daftar jauh lebih pendek", ShorterList(12, 20, config.out / "2021" / "pakta-integritas",
                                                                  ("1970-a",))),
                         ("masukan bermasalah", None)):
        def fake_publish(kinds, settings, skipped=(), error=error):
            if error is None:
                from reportgen.errors import InputError, Problem
                raise InputError([Problem(str(config.inputs / "2021" / "pegawai.xlsx"), "NIP harus 18 angka",
                                          row=3, column="NIP"),
                                  Problem(str(config.inputs / "2021" / "pegawai.xlsx"), "gelar tidak biasa", row=4,
                                          column="Nama", warning=True)])
            raise error
        monkeypatch.setattr("reportgen.web.jobs.publish", fake_publish)
        client.post("/tahun/2021/buat", data={"csrf": token, "jenis": "pakta-integritas"})
        app.state.jobs.wait(2021)
        look(label, client.get("/tahun/2021"))
    monkeypatch.undo()
    saved = app.state.jobs.state(2021)
    with Register(config.unit.register) as register:  # a runner stopped mid-run: its state no longer written
        register.save_run(saved["id"], "berjalan", json.dumps({**saved, "status": "berjalan"}), time.time() - 60)
    look("terhenti", client.get("/tahun/2021"))
    assert "terhenti karena server dimulai ulang" in seen["terhenti"] and "Jalankan lagi" in seen["terhenti"]
    app.state.jobs.store.save(saved, saved["status"])
    wrong = {label: found for label, text in seen.items() if (found := page_problems(text, root))}
    assert not wrong, "\n".join(f"{label}: {found}" for label, found in wrong.items())
    assert len(seen) >= 45
    assert "ditemukan" in seen["unggah bermasalah"] and "Halaman ini sudah lama" in seen["halaman lama"]
