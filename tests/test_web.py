"""The web page in a real browser: the real server (`reportgen web`) on a free loopback port, driven by headless
Chromium from Debian (chromium + chromium-driver, through Selenium). One server, one browser and one published
batch for the whole module; screenshots (desktop and phone size) are kept in the module's tmp folder."""

from __future__ import annotations

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

from conftest import ROOT
from factories import make_roster, write_sheet

pytestmark = pytest.mark.slow  # a real server driven by Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
PASSWORD = "sandi-peramban-2021"
PACTS = 180
DESKTOP, PHONE = (1280, 900), (390, 844)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real server on a copy of the example inputs whose QR codes point at it; yields its base URL and folders."""
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are required under CI (scripts/install.sh installs them)")
        pytest.skip("chromium or chromium-driver not installed: browser tests skipped")
    pytest.importorskip("selenium")
    root = tmp_path_factory.mktemp("web-browser")
    shutil.copytree(ROOT / "inputs", root / "inputs", ignore=shutil.ignore_patterns("register.sqlite*"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    profile = root / "inputs" / "unit.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + f'\nverifikasi:\n  url: "{base}/verifikasi/{{id}}"\n',
                       encoding="utf-8")
    from reportgen.web.accounts import add_user
    add_user(root / "inputs" / ".server" / "pengguna.sqlite", "sekretariat", PASSWORD, "operator")
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
        yield {"base": base, "root": root, "shots": root / "layar", "downloads": root / "unduhan"}
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
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.implicitly_wait(0)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow",
                                                           "downloadPath": str(site["downloads"])})
    yield driver
    driver.quit()


def shoot(browser, site, name: str, at: str | None = None) -> None:
    """Save the page at desktop and at phone size (scrolled to the element `at`)."""
    for label, (width, height) in (("desktop", DESKTOP), ("ponsel", PHONE)):
        browser.set_window_size(width, height)
        if at:
            browser.execute_script("document.querySelector(arguments[0]).scrollIntoView()", at)
        browser.save_screenshot(str(site["shots"] / f"{name}-{label}.png"))
    browser.set_window_size(*DESKTOP)


def wait_for(condition, timeout: float = 30, every: float = 0.1):
    """Return the condition's first true value; an element the page's script replaced meanwhile (stale) is
    looked for again on the next try."""
    from selenium.common.exceptions import StaleElementReferenceException

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = condition()
        except StaleElementReferenceException:
            value = None
        if value:
            return value
        time.sleep(every)
    raise AssertionError("timed out")


def css(browser, selector):
    from selenium.webdriver.common.by import By
    return browser.find_element(By.CSS_SELECTOR, selector)


def all_css(browser, selector):
    from selenium.webdriver.common.by import By
    return browser.find_elements(By.CSS_SELECTOR, selector)


def upload(browser, site, name: str, path: Path) -> None:
    browser.get(f"{site['base']}/tahun/2021")
    form = css(browser, f"#masukan-{name.replace('.', '-')} form.upload")
    form.find_element("css selector", "input[type=file]").send_keys(str(path))
    form.find_element("css selector", "button").click()
    wait_for(lambda: all_css(browser, "#unggah-hasil"))


def download(browser, site, link, name: str) -> Path:
    """Click a download link and return the file the browser saved."""
    link.click()
    target = site["downloads"] / name
    wait_for(lambda: target.is_file() and not list(site["downloads"].glob("*.crdownload")), timeout=60)
    return target


def test_signed_out_every_page_goes_to_sign_in(site, browser):
    for path in ("/", "/tahun/2021", "/register", "/tahun/2021/proses", "/tahun/2021/templat/pegawai.xlsx"):
        browser.get(site["base"] + path)
        assert browser.current_url == f"{site['base']}/masuk", path
        assert css(browser, "h1").text == "Masuk"
    browser.get(site["base"] + "/verifikasi")
    assert css(browser, "h1").text == "Verifikasi keaslian dokumen"
    shoot(browser, site, "masuk")


def test_sign_in(site, browser):
    browser.get(site["base"] + "/tahun/2021")
    css(browser, "input[name=nama]").send_keys("sekretariat")
    css(browser, "input[name=sandi]").send_keys(PASSWORD)
    css(browser, "form[action='/masuk'] button").click()
    wait_for(lambda: browser.current_url == f"{site['base']}/tahun/2021",)
    assert css(browser, "h1").text == "Tahun 2021"
    assert "Keluar (sekretariat)" in css(browser, "header").text


def test_a_post_without_csrf_token_is_refused(site, browser):
    browser.get(f"{site['base']}/tahun/2021")
    browser.execute_script("""
        var f = document.createElement('form'); f.method = 'post'; f.action = '/tahun/2021/buat';
        var i = document.createElement('input'); i.name = 'jenis'; i.value = 'semua'; f.appendChild(i);
        document.body.appendChild(f); HTMLFormElement.prototype.submit.call(f);""")
    wait_for(lambda: css(browser, "h1").text == "Ditolak")
    assert "token CSRF" in css(browser, "main").text


def test_a_staff_list_with_problems_shows_the_table(site, browser, tmp_path):
    bad = write_sheet(tmp_path / "pegawai-salah.xlsx", ["Nama", "NIP", "Pangkat/Golongan", "Jabatan"],
                      [["Budi Santoso", "1970 0101 2000", "IV/a", "Kepala Bagian Umum"],
                       ["", "197001012000031001", "X/z", "Analis"]])
    upload(browser, site, "pegawai.xlsx", bad)
    assert "pegawai.xlsx ditolak: 3 masalah" in css(browser, "#unggah-hasil").text
    rows = [[c.text for c in r.find_elements("css selector", "td")] for r in all_css(browser, "table.problems tbody tr")]
    assert rows[0][:3] == ["2021/pegawai.xlsx", "2", "NIP"] and "NIP harus 18 angka" in rows[0][4]
    assert rows[1][:3] == ["2021/pegawai.xlsx", "3", "Nama"] and "wajib diisi" in rows[1][4]
    assert rows[2][:3] == ["2021/pegawai.xlsx", "3", "Pangkat/Golongan"]
    shoot(browser, site, "unggah-bermasalah")
    assert (site["root"] / "inputs" / "2021" / "pegawai.xlsx").read_bytes() == \
        (ROOT / "inputs" / "2021" / "pegawai.xlsx").read_bytes()  # the valid list is still the one in place
    assert "sah" in css(browser, "#masukan-pegawai-xlsx .badge").text


def test_a_good_staff_list_is_taken(site, browser, tmp_path):
    good = tmp_path / "pegawai.xlsx"
    make_roster(good, PACTS)
    upload(browser, site, "pegawai.xlsx", good)
    assert "pegawai.xlsx diterima dan dipakai" in css(browser, "#unggah-hasil").text
    assert (site["root"] / "inputs" / "2021" / "pegawai.xlsx").read_bytes() == good.read_bytes()


def test_generating_the_pacts_shows_progress_up_to_100(site, browser):
    browser.get(f"{site['base']}/tahun/2021")
    started = time.monotonic()
    css(browser, "button[value='pakta-integritas']").click()
    wait_for(lambda: all_css(browser, ".job[data-status='berjalan']"))
    browser.execute_script("document.querySelector(\"button[value='keputusan']\").click()")  # a second click
    wait_for(lambda: all_css(browser, "#sibuk"))
    assert "Tahun 2021 sedang diproses" in css(browser, "#sibuk").text
    browser.get(f"{site['base']}/tahun/2021")  # the page opened again while the run goes on
    seen = []

    def finished():
        texts = [e.text for e in all_css(browser, ".job .percent")]
        seen.extend(t for t in texts if t)
        return all_css(browser, ".job[data-status='selesai']")
    wait_for(finished, timeout=300, every=0.2)
    site["seconds"] = time.monotonic() - started
    percents = [int(t.split()[0]) for t in seen]
    assert any(0 <= p < 100 for p in percents), seen          # the bar was seen on its way
    wait_for(lambda: css(browser, ".job .percent").text == "100 %" and css(browser, ".job-status").text == "selesai")
    assert wait_for(lambda: css(browser, ".job progress").get_attribute("value") == "100")
    assert wait_for(lambda: f"{PACTS} pakta" in css(browser, "#hasil-pakta-integritas").text)
    assert wait_for(lambda: browser.execute_script("return arguments[0].naturalWidth", css(browser, "img.preview")) > 100)
    shoot(browser, site, "hasil", at="#hasil")


def test_the_zip_of_the_batch_downloads_with_its_files(site, browser):
    browser.get(f"{site['base']}/tahun/2021")
    target = download(browser, site, css(browser, "#hasil-pakta-integritas a[href$='.zip']"),
                      "pakta-integritas-2021.zip")
    names = zipfile.ZipFile(target).namelist()
    assert "pakta-integritas/manifest.csv" in names
    assert "pakta-integritas/pakta-integritas-2021-cetak.pdf" in names
    assert sum(n.endswith(".pdf") for n in names) == PACTS + 1
    assert sum(n.endswith(".docx") for n in names) == PACTS
    with zipfile.ZipFile(target) as archive:
        pdf = next(n for n in names if re.search(r"/\d{18}-.*\.pdf$", n))
        site["pact"] = archive.read(pdf)


def test_the_print_file_of_the_pacts_and_the_decree_download(site, browser):
    from pypdf import PdfReader

    browser.get(f"{site['base']}/tahun/2021")
    printed = download(browser, site, css(browser, "#hasil-pakta-integritas a.primary"),
                       "pakta-integritas-2021-cetak.pdf")
    assert len(PdfReader(str(printed)).pages) == PACTS
    css(browser, "button[value='keputusan']").click()
    wait_for(lambda: browser.get(f"{site['base']}/tahun/2021") or (
        all_css(browser, "#hasil-keputusan") and not all_css(browser, ".job[data-status='berjalan']")),
        timeout=120, every=0.5)  # the run over: the page no longer polls and reloads itself
    assert wait_for(lambda: "anggota tim" in css(browser, "#hasil-keputusan").text)
    decree = download(browser, site, css(browser, "#hasil-keputusan a[href$='.pdf']"), "keputusan-tim-rb-2021.pdf")
    assert decree.read_bytes()[:5] == b"%PDF-"
    shoot(browser, site, "hasil-keputusan", at="#hasil-keputusan")


def _qr(pdf: bytes, folder: Path) -> str:
    import zxingcpp
    from PIL import Image

    (folder / "pakta.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(folder / "pakta.pdf"),
                    str(folder / "halaman")], check=True)
    return zxingcpp.read_barcodes(Image.open(folder / "halaman.png"))[0].text


def test_the_qr_code_and_the_printed_code_open_a_page_that_says_asli(site, browser, tmp_path):
    url = _qr(site["pact"], tmp_path)
    printed = re.search(r"Kode\s+verifikasi\s*:\s*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})",
                        subprocess.run(["pdftotext", str(tmp_path / "pakta.pdf"), "-"], capture_output=True,
                                       text=True).stdout).group(1)
    assert url == f"{site['base']}/verifikasi/{printed}"
    browser.delete_all_cookies()  # a phone that scans the code is not signed in
    browser.set_window_size(*PHONE)
    browser.get(url)
    assert css(browser, ".answer .status").text == "ASLI"
    facts = css(browser, ".facts").text
    assert "Pakta Integritas" in facts and "Direktorat Jenderal Politik dan Pemerintahan Umum" in facts
    assert "NIP" not in css(browser, "main").text
    browser.save_screenshot(str(site["shots"] / "verifikasi-qr-ponsel.png"))
    browser.set_window_size(*DESKTOP)
    browser.get(f"{site['base']}/verifikasi")
    css(browser, "input[name=kode]").send_keys(printed.lower())
    css(browser, "input[name=kode]").submit()
    wait_for(lambda: all_css(browser, ".answer .status"))
    assert css(browser, ".answer .status").text == "ASLI"


def test_a_tampered_file_uploaded_is_diubah(site, browser, tmp_path):
    pdf = site["pact"]
    at = pdf.index(b"/Producer") + 1
    tampered = pdf[:at] + bytes([pdf[at] ^ 0x20]) + pdf[at + 1:]  # one byte: /Producer becomes /producer
    assert len(tampered) == len(pdf) and tampered != pdf
    for name, data, status in (("asli.pdf", pdf, "ASLI"), ("diubah.pdf", tampered, "DIUBAH")):
        (tmp_path / name).write_bytes(data)
        browser.get(f"{site['base']}/verifikasi")
        form = all_css(browser, "form[enctype='multipart/form-data']")[0]
        form.find_element("css selector", "input[type=file]").send_keys(str(tmp_path / name))
        form.find_element("css selector", "button").click()
        wait_for(lambda: all_css(browser, ".answer .status"))
        assert css(browser, ".answer .status").text == status
    shoot(browser, site, "verifikasi-diubah")


def test_the_register_lists_the_pacts_with_their_codes(site, browser):
    browser.get(f"{site['base']}/masuk")
    css(browser, "input[name=nama]").send_keys("sekretariat")
    css(browser, "input[name=sandi]").send_keys(PASSWORD)
    css(browser, "form[action='/masuk'] button").click()
    wait_for(lambda: browser.current_url != f"{site['base']}/masuk")  # signed in before going on
    browser.get(f"{site['base']}/register?cari=pakta")
    rows = wait_for(lambda: all_css(browser, "table.register tbody tr"))
    assert len(rows) >= PACTS
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", rows[0].find_elements("css selector", "td")[5].text)
    shoot(browser, site, "register")
    print(f"\nscreenshots: {site['shots']}; {PACTS} pacts published in {site.get('seconds', 0):.1f} s")
