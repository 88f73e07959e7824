"""The year in a real browser, as a clerk who knows Word and Excel does it: the real server (`reportgen web`) on a
free loopback port, an empty unit, headless Chromium from Debian (chromium + chromium-driver, through Selenium).
One long journey: the profile and every settings file through their forms, every spreadsheet from its blank
workbook (filled here with openpyxl) uploaded, a staff list with mistakes fixed through the problem table, "Semua
dokumen" with a bar per kind, one person's pact made again, downloads, the scores page, and the public check on a
phone. Each step is photographed at 1366x768 and 390x844 into the module's tmp folder (`layar/`); every page's
words are kept and checked at the end: no command-line option, no server folder, no English."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from page_words import page_problems

pytestmark = pytest.mark.slow  # a real server driven by Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
PASSWORD = "sandi-peramban-2021"
DESKTOP, PHONE = (1366, 768), (390, 844)
YEAR = 2021


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real server on an empty unit (a head's account only); yields its base URL and folders."""
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are required under CI (scripts/install.sh installs them)")
        pytest.skip("chromium or chromium-driver not installed: browser tests skipped")
    pytest.importorskip("selenium")
    root = tmp_path_factory.mktemp("web-browser")
    (root / "inputs").mkdir()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    from reportgen.web.accounts import add_user
    add_user(root / "inputs" / ".server" / "pengguna.sqlite", "kepala", PASSWORD, "pimpinan")
    log = open(root / "server.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "reportgen", "web", "--inputs", str(root / "inputs"),
                               "--out", str(root / "out"), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/masuk", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError((root / "server.log").read_text())
                time.sleep(0.1)
        yield {"base": base, "root": root, "shots": root / "layar", "downloads": root / "unduhan", "pages": {}}
    finally:
        server.terminate()
        server.wait(20)
        log.close()


@pytest.fixture(scope="module")
def browser(site):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    site["downloads"].mkdir()
    site["shots"].mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--lang=id"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(site["downloads"]),
                                              "download.prompt_for_download": False,
                                              "intl.accept_languages": "id"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.implicitly_wait(0)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow",
                                                           "downloadPath": str(site["downloads"])})
    yield driver
    driver.quit()


# ---------------------------------------------------------------- helpers


class Clerk:
    """What the clerk does in the browser, and what the test keeps of it (screenshots, the pages' words)."""

    def __init__(self, browser, site):
        self.b, self.site, self.shot_count = browser, site, 0

    def css(self, selector):
        from selenium.webdriver.common.by import By
        return self.b.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector):
        from selenium.webdriver.common.by import By
        return self.b.find_elements(By.CSS_SELECTOR, selector)

    def go(self, path: str) -> None:
        self.b.get(self.site["base"] + path)
        self.keep()

    def keep(self) -> None:
        """Keep the page's words (its text, placeholders, labels and titles) for the language check."""
        text = self.b.execute_script(
            "var t = document.body.innerText; document.querySelectorAll('[placeholder],[title],[aria-label],[alt]')"
            ".forEach(function (e) { ['placeholder', 'title', 'aria-label', 'alt'].forEach(function (a) {"
            " if (e.getAttribute(a)) { t += '\\n' + e.getAttribute(a); } }); }); return t;")
        self.site["pages"][f"{len(self.site['pages']) + 1}: {self.b.current_url}"] = text

    def shoot(self, name: str, at: str | None = None) -> None:
        """Save the page at desktop and at phone size (scrolled to the element `at`)."""
        self.shot_count += 1
        for label, (width, height) in (("1366x768", DESKTOP), ("390x844", PHONE)):
            self.b.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {  # the page's own size, as on a phone
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
            if at:
                self.b.execute_script("var e = document.querySelector(arguments[0]); if (e) { e.scrollIntoView(); }",
                                      at)
            time.sleep(0.15)
            self.b.save_screenshot(str(self.site["shots"] / f"{self.shot_count:02d}-{name}-{label}.png"))
        self.b.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        self.keep()

    def click(self, selector_or_element) -> None:
        """Click an element, scrolled to the middle of the window first (the form's save bar stays at the bottom)."""
        element = self.css(selector_or_element) if isinstance(selector_or_element, str) else selector_or_element
        self.b.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def type(self, name: str, text: str) -> None:
        field = self.css(f"[name='{name}']")
        self.b.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
        field.clear()
        field.send_keys(text)

    def date(self, name: str, iso: str) -> None:
        """Set a date field as its picker does."""
        self.b.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', "
                              "{bubbles: true}));", self.css(f"[name='{name}']"), iso)

    def add_row(self, list_name: str) -> None:
        self.click(f"fieldset[data-list='{list_name}'] > button.add")

    def save(self) -> None:
        self.css("form#isian button.primary[type=submit]").click()
        wait_for(lambda: self.all("#unggah-hasil") or self.all("#formulir-hasil"), timeout=60)
        self.keep()

    def upload(self, name: str, path: Path) -> None:
        self.go(f"/tahun/{YEAR}")
        form = self.css(f"#masukan-{name.replace('.', '-')} form.upload")
        form.find_element("css selector", "input[type=file]").send_keys(str(path))
        form.find_element("css selector", "button").click()
        wait_for(lambda: self.all("#unggah-hasil"), timeout=60)
        self.keep()

    def download(self, link, name: str) -> Path:
        """Click a download link and return the file the browser saved."""
        target = self.site["downloads"] / name
        target.unlink(missing_ok=True)
        link.click()
        wait_for(lambda: target.is_file() and not list(self.site["downloads"].glob("*.crdownload")), timeout=60)
        return target

    def wait_run(self, timeout: float = 400) -> list[dict]:
        """Wait for the year's run to end, noting each kind's bar as the page shows it while it runs."""
        seen = []

        def over():
            for bar in self.all(".job[data-status='berjalan'] .kind-bar"):
                seen.append({"key": bar.get_attribute("data-key"), "class": bar.get_attribute("class"),
                             "count": bar.find_element("css selector", ".kind-count").text})
            return self.all(".job[data-status='selesai'], .job[data-status='gagal']")
        wait_for(over, timeout=timeout, every=0.25)
        self.keep()
        return seen


def wait_for(condition, timeout: float = 30, every: float = 0.1):
    """Return the condition's first true value; an element the page's script replaced meanwhile (stale) is looked
    for again on the next try."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = condition()
        except (StaleElementReferenceException, NoSuchElementException):  # the next page is still on its way
            value = None
        if value:
            return value
        time.sleep(every)
    raise AssertionError("timed out")


def fill_blank(blank: Path, target: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    """Fill a blank workbook downloaded from the page: its example rows replaced by `rows` (by header)."""
    wb = load_workbook(blank)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    ws.delete_rows(2, ws.max_row)
    for r, row in enumerate(rows, start=2):
        for name, value in row.items():
            ws.cell(row=r, column=headers.index(name) + 1, value=value)
    wb.save(target)
    return target


def example_rows(name: str) -> list[dict]:
    """Return the rows of an example workbook by header (the example unit's own data)."""
    ws = load_workbook(ROOT / "inputs" / str(YEAR) / name, read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:] if any(v is not None for v in r)]


def cli_json(site, *args) -> dict:
    done = subprocess.run([sys.executable, "-m", "reportgen", *args, "--json", "-", "--inputs",
                           str(site["root"] / "inputs")], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def number(text: str) -> float:
    return float(text.strip().replace(".", "").replace(",", "."))


# ---------------------------------------------------------------- the journey


def test_a_clerk_runs_the_year_from_an_empty_unit_with_the_page_only(site, browser, tmp_path):
    from selenium.webdriver.support.ui import Select

    clerk = Clerk(browser, site)
    base = site["base"]
    staff = example_rows("pegawai.xlsx")

    # signing in; the year is opened from the home page
    clerk.go("/")
    assert browser.current_url == f"{base}/masuk"
    clerk.shoot("masuk")
    clerk.type("nama", "kepala")
    clerk.type("sandi", PASSWORD)
    clerk.css("form[action='/masuk'] button").click()
    wait_for(lambda: clerk.all("input[name=tahun]"))
    clerk.type("tahun", str(YEAR))
    clerk.css("form[action='/tahun'] button").click()
    wait_for(lambda: browser.current_url == f"{base}/tahun/{YEAR}")
    clerk.keep()
    assert "Isi profil unit lebih dulu" in clerk.css("#langkah").text
    assert len(clerk.all(".badge.bad")) >= 7  # nothing there yet
    clerk.shoot("tahun-kosong")

    # the logo, then the profile through its form: a mistake said in place, a list of letterhead lines
    clerk.upload("logo.png", ROOT / "inputs" / "logo.png")
    assert "logo.png diterima dan dipakai" in clerk.css("#unggah-hasil").text
    clerk.css("#langkah a.button").click()
    wait_for(lambda: clerk.all("form#isian"))
    assert browser.current_url == f"{base}/tahun/{YEAR}/isian/unit.yaml"
    for name, value in (("instansi.kementerian", "Kementerian Dalam Negeri"),
                        ("instansi.unit", "Direktorat Jenderal Politik dan Pemerintahan Umum"),
                        ("instansi.nama_singkat", "Ditjen Polpum"), ("instansi.kota", "Jakarta"),
                        ("kop.logo", "logo.png"), ("kop.alamat", "Jalan Medan Merdeka Utara Nomor 7, Jakarta Pusat"),
                        ("pimpinan.nama", "Dr. Bahtiar Wicaksono, M.Si."), ("pimpinan.nip", "1971 0515"),
                        ("pimpinan.jabatan", "Direktur Jenderal Politik dan Pemerintahan Umum"),
                        ("verifikasi.url", base + "/verifikasi/{id}")):
        clerk.type(name, value)
    clerk.add_row("kop.baris")
    clerk.type("kop.baris[1]", "KEMENTERIAN DALAM NEGERI")
    clerk.add_row("kop.baris")
    clerk.type("kop.baris[2]", "DIREKTORAT JENDERAL POLITIK DAN PEMERINTAHAN UMUM")
    clerk.css("[name='kop.alamat']").click()  # leaving the NIP field checks it
    message = wait_for(lambda: clerk.all(".field-problems[data-for='pimpinan.nip'] .field-problem"))[0].text
    assert "NIP" in message and "18 angka" in message  # the command line's own words, beside the field
    clerk.shoot("profil-nip-salah", at="[name='pimpinan.nip']")
    clerk.type("pimpinan.nip", "19710515 199303 1 004")
    clerk.css("[name='kop.alamat']").click()
    wait_for(lambda: not clerk.all(".field-problems[data-for='pimpinan.nip'] .field-problem"))
    clerk.save()
    assert "periksa lalu konfirmasi" in clerk.css("#unggah-hasil").text  # the unit's name and head: a head confirms
    clerk.shoot("profil-konfirmasi", at="#unggah-hasil")
    clerk.css("#unggah-hasil button[value=pakai]").click()
    wait_for(lambda: "unit.yaml diterima dan dipakai" in clerk.css("#unggah-hasil").text)
    profile = (site["root"] / "inputs" / "unit.yaml").read_text(encoding="utf-8")
    assert "  baris:\n  - KEMENTERIAN DALAM NEGERI\n" in profile or "    - KEMENTERIAN DALAM NEGERI" in profile
    assert "Direktorat Jenderal Politik dan Pemerintahan Umum" in clerk.css("header.top").text  # the unit's name

    # the staff list: its blank workbook, filled with two mistakes, refused with the table; the row opened; fixed
    clerk.go(f"/tahun/{YEAR}")
    blank = clerk.download(clerk.css("#masukan-pegawai-xlsx a[href$='/templat/pegawai.xlsx']"), "pegawai.xlsx")
    assert load_workbook(blank).worksheets[0]["C2"].number_format == "@"  # the NIP column is text
    wrong = [dict(r) for r in staff]
    wrong[2]["NIP"] = "1970 0101 2000"
    wrong[4]["Nama"] = None
    clerk.upload("pegawai.xlsx", fill_blank(blank, tmp_path / "pegawai-salah.xlsx", wrong))
    assert "pegawai.xlsx ditolak: 2 masalah" in clerk.css("#unggah-hasil").text
    assert "Belum ada berkas yang dipakai" in clerk.css("#unggah-hasil").text
    rows = [[c.text for c in r.find_elements("css selector", "td")]
            for r in clerk.all("#unggah-hasil table.problems tbody tr")]
    assert [r[:4] for r in rows] == [["2021/pegawai.xlsx", "4", "NIP", "1970 0101 2000"],
                                     ["2021/pegawai.xlsx", "6", "Nama", "(kosong)"]]  # sorted, found in its column
    clerk.shoot("pegawai-ditolak", at="#unggah-hasil")
    clerk.css("#unggah-hasil table.problems tbody tr td[data-label=Baris] a").click()
    wait_for(lambda: clerk.all("table.sheet"))
    clerk.keep()
    assert "1970 0101 2000" in clerk.css("tr.marked-row").text and clerk.css("td.marked-cell").text == "1970 0101 2000"
    clerk.shoot("pegawai-baris", at="tr.marked-row")
    clerk.upload("pegawai.xlsx", fill_blank(blank, tmp_path / "pegawai.xlsx", staff))
    assert "pegawai.xlsx diterima dan dipakai" in clerk.css("#unggah-hasil").text

    # every settings file of the year through its form
    plans = ["Penataan Regulasi", "Peningkatan Kapasitas Aparatur", "Transformasi Teknologi Sistem Informasi"]
    clerk.go(f"/tahun/{YEAR}/isian/rencana-aksi.yaml")
    clerk.date("tanggal", "2021-01-29")
    clerk.date("per", "2021-12-31")
    for index, plan in enumerate(plans, start=1):
        clerk.add_row("program_prioritas")
        clerk.type(f"program_prioritas[{index}]", plan)
    clerk.save()
    assert "rencana-aksi.yaml diterima dan dipakai" in clerk.css("#unggah-hasil").text

    clerk.go(f"/tahun/{YEAR}/isian/pakta-integritas.yaml")
    clerk.date("tanggal", "2021-03-17")
    clerk.type("tempat", "Jakarta")
    clerk.save()
    assert "pakta-integritas.yaml diterima dan dipakai" in clerk.css("#unggah-hasil").text

    clerk.go(f"/tahun/{YEAR}/isian/keputusan-tim-rb.yaml")
    clerk.date("tanggal", "2021-03-08")
    clerk.type("kode_klasifikasi", "120.05")
    for index, text in enumerate(("bahwa kedua", "bahwa pertama", "bahwa yang salah"), start=1):
        clerk.add_row("menimbang")
        clerk.type(f"menimbang[{index}]", text)
    clerk.click("fieldset[data-list='menimbang'] li.entry:nth-child(2) button.up")  # reordered
    clerk.click("fieldset[data-list='menimbang'] li.entry:nth-child(3) button.remove")  # removed
    clerk.add_row("tembusan")
    clerk.type("tembusan[1]", "Menteri Dalam Negeri")
    clerk.add_row("kedudukan_tambahan.pimpinan")
    clerk.type("kedudukan_tambahan.pimpinan[1]", "Wakil Sekretaris")
    Select(clerk.css("[data-person] select.person-pick")).select_by_index(1)  # the signer from the staff list
    assert clerk.css("[name='penandatangan.nama']").get_attribute("value") == staff[0]["Nama"]
    clerk.shoot("keputusan-formulir", at="fieldset[data-list='menimbang']")
    clerk.save()
    assert "keputusan-tim-rb.yaml diterima dan dipakai" in clerk.css("#unggah-hasil").text
    decree = (site["root"] / "inputs" / str(YEAR) / "keputusan-tim-rb.yaml").read_text(encoding="utf-8")
    assert decree.index("bahwa pertama") < decree.index("bahwa kedua") and "bahwa yang salah" not in decree
    assert "kode_klasifikasi: '120.05'" in decree

    clerk.go(f"/tahun/{YEAR}/isian/laporan.yaml")
    clerk.date("tanggal", "2021-12-30")
    clerk.add_row("kata_pengantar")
    clerk.type("kata_pengantar[1]", "Puji syukur kami panjatkan atas tersusunnya laporan ini.")
    clerk.save()
    assert "laporan.yaml diterima dan dipakai" in clerk.css("#unggah-hasil").text

    clerk.go(f"/tahun/{YEAR}/isian/pencanangan-zi.yaml")
    clerk.date("tanggal", "2021-03-17")
    clerk.type("tempat", "Aula Gedung A")
    clerk.add_row("saksi")
    Select(clerk.css("fieldset[data-list='saksi'] select.person-pick")).select_by_index(2)
    clerk.shoot("pencanangan-formulir", at="fieldset[data-list='saksi']")
    clerk.save()
    assert "pencanangan-zi.yaml diterima dan dipakai" in clerk.css("#unggah-hasil").text

    # the other spreadsheets, each from its blank workbook
    assessment = cli_json({"root": ROOT}, "nilai", str(YEAR))
    scores = [{"Tahun": year, "Area": r["area"], "Komponen": r["komponen"], "Nilai": r[value], "Bobot": r[weight]}
              for year, value, weight in ((YEAR - 1, "nilai_sebelumnya", "bobot_sebelumnya"),
                                          (YEAR, "nilai", "bobot"))
              for r in assessment["baris"] if r["tingkat"] == "komponen" and not r["kunci"].startswith("pengungkit/")]
    for name, rows in (("tim-rb.xlsx", example_rows("tim-rb.xlsx")), ("rencana-aksi.xlsx",
                                                                      example_rows("rencana-aksi.xlsx")),
                       ("penilaian.xlsx", scores), ("lke-zi.xlsx", None)):
        clerk.go(f"/tahun/{YEAR}")
        blank = clerk.download(clerk.css(f"#masukan-{name.replace('.', '-')} a[href$='/templat/{name}']"), name)
        if rows is None:  # the LKE: the blank's one row per part, answered
            ws = load_workbook(blank).worksheets[0]
            header = [c.value for c in ws[1]]
            rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
            for index, row in enumerate(rows):
                if row["Jenis Jawaban"] == "Ya/Tidak":
                    row["Jawaban"] = "Tidak" if index % 4 == 3 else "Ya"
        clerk.upload(name, fill_blank(blank, tmp_path / name, rows))
        assert f"{name} diterima dan dipakai" in clerk.css("#unggah-hasil").text, clerk.css("#unggah-hasil").text
    clerk.shoot("lembar-kerja-diterima")

    clerk.go(f"/tahun/{YEAR}")
    assert not clerk.all(".badge.bad") and "Buat semua dokumen" in clerk.css("#langkah").text
    clerk.shoot("tahun-siap")

    # "Semua dokumen", a bar per kind
    clerk.css("button[value=semua]").click()
    wait_for(lambda: clerk.all(".job[data-status='berjalan']"))
    wait_for(lambda: clerk.all(".job .kind-bar.selesai"), timeout=120, every=0.2)
    clerk.shoot("semua-berjalan", at="#proses")
    seen = clerk.wait_run()
    assert clerk.css(".job-status").text == "selesai", clerk.css(".job").text
    assert {s["key"] for s in seen} >= {"pakta-integritas", "keputusan", "laporan-capaian-rb"}
    assert any("berjalan" in s["class"] for s in seen) and any("menunggu" in s["class"] for s in seen)
    assert clerk.css(".kind-bar[data-key='pakta-integritas'] .kind-count").text == f"{len(staff)} dari {len(staff)}"
    results = [a.get_attribute("id") for a in clerk.all("article.result")]
    assert len(results) == 8, results
    clerk.shoot("semua-selesai", at="#hasil")

    # one person's pact made again
    person = staff[3]
    clerk.css("details.options summary").click()
    clerk.type("nip", person["NIP"])
    clerk.css("button[value='pakta-integritas']").click()
    clerk.wait_run()
    clerk.css(".job details:last-of-type summary").click()
    assert "1 pakta dibuat ulang" in clerk.css(".summary").text
    assert f"ulang untuk NIP {person['NIP']}" in clerk.css(".job").text
    clerk.shoot("pakta-ulang", at="#proses")

    # downloads
    archive = clerk.download(clerk.css("#hasil-pakta-integritas a[href$='.zip']"), "pakta-integritas-2021.zip")
    names = zipfile.ZipFile(archive).namelist()
    assert sum(n.endswith(".pdf") for n in names) == len(staff) + 1 and "pakta-integritas/manifest.csv" in names
    with zipfile.ZipFile(archive) as opened:
        site["pact"] = opened.read(next(n for n in names if re.search(r"/\d{18}-.*\.pdf$", n)))
    printed = clerk.download(clerk.css("#hasil-pakta-integritas a.primary"), "pakta-integritas-2021-cetak.pdf")
    from pypdf import PdfReader
    assert len(PdfReader(str(printed)).pages) == len(staff)
    view = clerk.css("#hasil-keputusan a[href$='?lihat=1']")
    with urllib.request.urlopen(urllib.request.Request(view.get_attribute("href"), headers={
            "Cookie": "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())})) as answer:
        assert answer.headers["Content-Disposition"].startswith("inline") and answer.read(5) == b"%PDF-"

    # the scores page: the numbers of `nilai --json` and `zi --json`
    clerk.go(f"/tahun/{YEAR}/nilai")
    pmprb, zi = cli_json(site, "nilai", str(YEAR)), cli_json(site, "zi", str(YEAR))
    assert number(clerk.css("[data-nilai=indeks]").text) == pmprb["indeks"]
    for row in pmprb["baris"]:
        cells = clerk.css(f"#tabel-pmprb tr[data-kunci='{row['kunci']}']").find_elements("css selector", "td")
        assert number(cells[1].text) == row["nilai"] and number(cells[3].text) == row["capaian_persen"]
    assert {c.get_attribute("data-tahun"): number(c.text) for c in clerk.all("#indeks-per-tahun td")} == \
        pmprb["indeks_per_tahun"]
    assert number(clerk.css("[data-nilai=zi-total]").text) == zi["nilai_total"]
    for verdict in zi["predikat"]:
        shown = [r.get_attribute("data-syarat") for r in clerk.all(f"#predikat-{verdict['kunci']} table.gaps tr[data-syarat]")]
        assert shown == verdict["urutan_termudah"]  # the gaps, cheapest first
    assert wait_for(lambda: all(browser.execute_script("return arguments[0].naturalWidth", img) > 100
                                for img in clerk.all(".charts img")))
    clerk.shoot("nilai")
    clerk.shoot("nilai-zi", at="#zi")

    # two tabs: the first tab's form still works after a second sign-in in another tab
    first = browser.current_window_handle
    clerk.go(f"/tahun/{YEAR}/isian/pakta-integritas.yaml")
    browser.switch_to.new_window("tab")
    clerk.go("/masuk")
    clerk.type("nama", "kepala")
    clerk.type("sandi", PASSWORD)
    clerk.css("form[action='/masuk'] button").click()
    wait_for(lambda: browser.current_url != f"{base}/masuk")
    browser.close()
    browser.switch_to.window(first)
    clerk.type("tempat", "Jakarta Pusat")
    clerk.save()
    assert "pakta-integritas.yaml diterima dan dipakai" in clerk.css("#unggah-hasil").text

    # the public check on a phone: whose pact, masked NIP, the unit's name and logo
    from urllib.parse import quote
    clerk.go(f"/register?cari={quote(person['Nama'])}")
    code = clerk.css("table.register a[href^='/verifikasi/'] code").text
    clerk.shoot("register")
    browser.delete_all_cookies()
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": PHONE[0], "height": PHONE[1],
                                                                   "deviceScaleFactor": 1, "mobile": True})
    clerk.go(f"/verifikasi/{code}")
    assert clerk.css(".answer .status").text == "ASLI"
    nip = person["NIP"].replace(" ", "")
    assert clerk.css("dd.person").text == person["Nama"] and clerk.css("dd.nip").text == f"{nip[:8]} ****** * {nip[15:]}"
    assert nip not in clerk.css("main").text and "Direktorat Jenderal Politik" in clerk.css("header.top").text
    assert browser.execute_script("return document.querySelector('header img.logo').naturalWidth") > 10
    clerk.shoot("publik")
    url = _qr(site["pact"], tmp_path)
    assert url.startswith(f"{base}/verifikasi/")  # the printed QR code opens the same page
    clerk.go(url[len(base):])
    assert clerk.css(".answer .status").text == "ASLI"

    # every page seen said nothing of the command line, the server's folders, or in English
    wrong = {url: found for url, text in site["pages"].items() if (found := page_problems(text, site["root"]))}
    assert not wrong, wrong
    print(f"\nscreenshots: {site['shots']}; {len(site['pages'])} pages checked")


def _qr(pdf: bytes, folder: Path) -> str:
    import zxingcpp
    from PIL import Image

    (folder / "pakta.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(folder / "pakta.pdf"),
                    str(folder / "halaman")], check=True)
    return zxingcpp.read_barcodes(Image.open(folder / "halaman.png"))[0].text
