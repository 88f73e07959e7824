"""`sudo bash scripts/install-server.sh`, run twice into a folder standing for / (REPORTGEN_ROOT): the second run
changes nothing; the system user, folders, venv (runtime only, not editable), first head account, systemd unit
(checked by systemd-analyze verify) and nginx site (checked by nginx -t) are in place; systemd does not run on the
test machines, so the unit's own ExecStart line is started directly and answers on loopback."""

from __future__ import annotations

import hashlib
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

PASSWORD = "sandi-kepala-pasang-1"
TOOLS = ("nginx", "systemd-analyze", "runuser", "useradd", "openssl")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def snapshot(root: Path) -> dict[str, tuple]:
    """Return every path under root with its mode, owner and (for a file) its SHA-256."""
    found = {}
    for path in sorted(root.rglob("*")):
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else None
        found[str(path.relative_to(root))] = (stat.st_mode, stat.st_uid, stat.st_gid,
                                              os.readlink(path) if path.is_symlink() else digest)
    return found


def install(root: Path, port: int, answers: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "REPORTGEN_ROOT": str(root), "REPORTGEN_HOST": "rb.unit.example",
           "REPORTGEN_PORT": str(port), "REPORTGEN_PIMPINAN": "kepala"}
    return subprocess.run(["bash", str(ROOT / "scripts" / "install-server.sh")], input=answers, env=env,
                          capture_output=True, text=True, timeout=900, start_new_session=True)  # no terminal: the
    # password is read from the input, as a terminal would give it, never shown


@pytest.fixture
def machine():
    """A folder standing for the machine's /, which the service user can reach (pytest's own is root's only)."""
    if os.geteuid() != 0:
        pytest.skip("the install script runs as root (CI runs the tests as root)")
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} are required under CI (scripts/install.sh installs them)")
        pytest.skip(f"{missing} not installed")
    root = Path(tempfile.mkdtemp(prefix="reportgen-pasang-", dir="/tmp"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.slow
def test_install_server_twice_then_its_unit_answers(machine):
    from reportgen.web.accounts import check_password

    root, port = machine, _free_port()
    first = install(root, port, f"{PASSWORD}\n{PASSWORD}\n")
    assert first.returncode == 0, first.stdout + first.stderr
    assert PASSWORD not in first.stdout + first.stderr
    assert "diubah: akun pimpinan kepala" in first.stdout
    before = snapshot(root)
    second = install(root, port, "")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Selesai: tidak ada yang berubah." in second.stdout and "diubah:" not in second.stdout, second.stdout
    assert snapshot(root) == before
    print(f"\n{first.stdout}\n{second.stdout}")

    service = pwd.getpwnam("reportgen")
    assert service.pw_shell == "/usr/sbin/nologin"
    for folder, mode in (("srv/reportgen/inputs", 0o750), ("srv/reportgen/outputs", 0o750), ("var/lib/reportgen", 0o700)):
        stat = (root / folder).stat()
        assert stat.st_mode & 0o777 == mode and stat.st_uid == service.pw_uid, folder
    venv = root / "opt" / "reportgen" / "venv"
    site = next(venv.glob("lib/python3*/site-packages"))
    assert (site / "reportgen" / "web" / "app.py").is_file()  # installed, not a link to the checkout
    assert not list(site.glob("__editable__*")) and not list(site.glob("*.egg-link"))
    for tool in ("pytest", "ruff", "hypothesis", "selenium", "_pytest"):
        assert not (site / tool).exists(), tool
    data = root / "var" / "lib" / "reportgen"
    assert check_password(data / "pengguna.sqlite", "kepala", PASSWORD).role == "pimpinan"
    assert (data / "pengguna.sqlite").stat().st_mode & 0o777 == 0o600

    unit = root / "etc" / "systemd" / "system" / "reportgen-web.service"
    text = unit.read_text()
    for option in ("MemoryMax=", "CapabilityBoundingSet=\n", "PrivateDevices=yes", "ProtectKernelTunables=yes",
                   "ProtectKernelModules=yes", "ProtectKernelLogs=yes", "RestrictAddressFamilies=AF_UNIX AF_INET",
                   "SystemCallFilter=@system-service", "RestrictNamespaces=yes", "User=reportgen", "UMask=0077",
                   f"--data {data}", "--https"):
        assert option in text, option
    verified = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    assert verified.returncode == 0 and unit.name not in verified.stdout + verified.stderr, verified.stderr

    enabled = root / "etc" / "nginx" / "sites-enabled" / "reportgen"
    site_text = enabled.read_text()
    for line in ("server_tokens off;", "ssl_protocols TLSv1.2 TLSv1.3;", "limit_req zone=reportgen_masuk",
                 "limit_req zone=reportgen_periksa", "server_name rb.unit.example;", f"127.0.0.1:{port}"):
        assert line in site_text, line
    conf = root / "nginx-uji.conf"
    conf.write_text(f"pid {root}/nginx.pid;\nevents {{}}\nhttp {{\n    include {enabled.parent}/*;\n}}\n")
    checked = subprocess.run(["nginx", "-t", "-c", str(conf), "-p", f"{root}/", "-e", f"{root}/nginx-error.log"],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and "test is successful" in checked.stderr, checked.stderr

    command = next(l for l in text.splitlines() if l.startswith("ExecStart=")).split("=", 1)[1]
    server = subprocess.Popen(["runuser", "-u", "reportgen", "--", *shlex.split(command)], cwd=data,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sehat", timeout=1) as answer:
                    assert answer.read() == b"ok"
                break
            except OSError:
                assert server.poll() is None, "the unit's ExecStart stopped"
                time.sleep(0.1)
        else:
            raise AssertionError("the unit's ExecStart did not answer")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk", timeout=5) as answer:
            assert "<h1>Masuk</h1>" in answer.read().decode() and "secure" in answer.headers["set-cookie"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # runuser and the server it started, its own process group
        server.wait(20)


def test_the_dockerfile_checks_its_health_and_runs_as_the_volume_owner():
    import json

    from reportgen.cli.commands import web_command

    text = (ROOT / "deploy" / "Dockerfile").read_text()
    assert "HEALTHCHECK" in text and "/sehat" in text and "USER 10001:10001" in text
    assert "install -d -o 10001 -g 10001" in text  # the volume's owner, said where the image is built
    command = json.loads(text.split("\nCMD ", 1)[1].replace("\\\n", " "))
    assert command[:2] == ["reportgen", "web"]
    options = web_command.make_context("web", command[2:]).params  # every option the image passes exists
    assert options["proxies"] == ("172.16.0.0/12",) and str(options["data"]) == "/data/server"
