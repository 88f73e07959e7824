"""Hostile faults, second round (issue 28): every error in Indonesian, never a traceback, never a long wait: a
register damaged in pages read after opening, a register another program holds locked, what the system refuses,
and messages that name a command that does not exist, a register where it is not, or not the key at fault."""

from __future__ import annotations

import ast
import errno
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest

from conftest import ROOT, run_cli, snapshot
from test_hostile_trust import blank_pdf, issued_register

PACKAGE = ROOT / "reportgen"


# ------------------------------------------------------------------ a register damaged where it is read


def _damage_rows(register: Path) -> None:
    """Overwrite every leaf page of the documents' and files' tables (their rows) with noise, leaving the
    schema, the key and the indexes whole: opening the register and counting its documents still work."""
    with sqlite3.connect(register) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in db.execute("SELECT pageno FROM dbstat WHERE name IN ('documents', 'files') "
                                              "AND pagetype = 'leaf'")]
    assert pages
    with open(register, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(bytes([0x5A]) * size)


@pytest.fixture
def damaged(tmp_path) -> tuple[Path, Path]:
    pdfs = [blank_pdf(tmp_path / f"pakta-{n}.pdf") for n in range(40)]
    for n, pdf in enumerate(pdfs):  # each its own bytes
        with open(pdf, "ab") as handle:
            handle.write(f"\n% {n}\n".encode())
    register = issued_register(tmp_path, pdfs)
    from reportgen.trust.register import check_whole

    _damage_rows(register)
    check_whole(register)  # what is checked at opening still passes: the damage lies further in
    return register, pdfs[7]


def _said_damaged(result, register: Path) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "DatabaseError" not in result.output, result.output
    assert f"Register {register} rusak (isinya rusak): pulihkan register dari cadangan terakhir" in result.output
    assert "reportgen daftar --cadangan BERKAS" in result.output


def test_a_register_damaged_past_its_first_pages_is_said_by_daftar_and_periksa(damaged):
    """Issue 28: a sqlite3.DatabaseError traceback in `daftar` and `periksa` (only the opening was guarded)."""
    register, pdf = damaged
    before = register.read_bytes()
    _said_damaged(run_cli("daftar", "--register", register), register)
    _said_damaged(run_cli("periksa", pdf, "--register", register), register)
    assert register.read_bytes() == before


def test_a_register_damaged_past_its_first_pages_is_said_by_keputusan(example, tmp_path):
    """Issue 28: the same traceback in `keputusan`, which reads the register for the number it drafts with."""
    out = tmp_path / "out"
    register = tmp_path / "register.sqlite"
    decree = example / "2021" / "keputusan-tim-rb.yaml"
    decree.write_text(decree.read_text(encoding="utf-8").replace('nomor: "120.05-1487 TAHUN 2021"',
                                                                 'kode_klasifikasi: "120.05"'), encoding="utf-8")
    args = ("keputusan", "2021", "--inputs", example, "--out", out, "--format", "pdf", "--register", register)
    assert run_cli(*args).exit_code == 0
    _damage_rows(register)
    before = snapshot(out)
    _said_damaged(run_cli(*args), register)
    assert snapshot(out) == before


# ------------------------------------------------------------------ a register another program holds locked


def _timed(*args) -> tuple[int, str, float]:
    """Run `reportgen ARGS` in its own process; return its exit code, output and the seconds it took."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], capture_output=True, text=True,
                          timeout=300)
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


def test_a_register_locked_by_another_program_is_said_within_seconds(tmp_path):
    """Issue 28: `periksa` and `daftar` waited 120 s while another program held the register locked."""
    pdf = blank_pdf(tmp_path / "pakta.pdf")
    register = issued_register(tmp_path, [pdf])
    holder = sqlite3.connect(register, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as a database tool holding a write open
    try:
        for args in (("daftar", "--register", register), ("periksa", pdf, "--register", register)):
            code, output, seconds = _timed(*args)
            assert code == 1, output
            assert f"Register {register} dikunci program lain" in output and "lebih dari 5 detik" in output
            assert "Traceback" not in output
            assert seconds < 30, f"{args[0]} waited {seconds:.0f} s for the lock (bound 30 s)"
            print(f"measured: {args[0]} said the lock after {seconds:.1f} s")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# ------------------------------------------------------------------ what the system refuses


def test_what_the_system_refuses_is_said_in_indonesian_in_every_command(tmp_path, monkeypatch):
    """Every command's errors pass one net: an OSError no stage said in its own words is named with its file."""
    import reportgen.trust.listing as listing

    def failing(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", str(tmp_path / "register.sqlite"))

    monkeypatch.setattr(listing, "list_register", failing)
    result = run_cli("daftar", "--register", tmp_path / "register.sqlite")
    assert result.exit_code == 1
    assert f"Galat: {tmp_path / 'register.sqlite'} tidak dapat dipakai: kesalahan baca/tulis disk" in result.output
    assert "Input/output error" not in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ messages that name what exists


def _texts() -> list[tuple[Path, str]]:
    """Return every text a user may read in reportgen: string constants of the code (messages, help) and the
    web page's templates."""
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix == ".py":
            found += [(path, node.value) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                      if isinstance(node, ast.Constant) and isinstance(node.value, str)]
        elif path.suffix in (".j2", ".html"):
            found.append((path, path.read_text(encoding="utf-8")))
    return found


# "reportgen WORD" is a command line when WORD has a hyphen, is quoted alone ('reportgen periksa'), or is
# followed by what command lines hold: an option, a placeholder in capitals, a path or a year; prose reads on.
_MENTION = re.compile(r"(.?)\breportgen ([a-z][a-z-]*)((?: (?:[a-z][a-z-]*|[A-Z][A-Z_]*|--[a-z-]+|[\w./*-]+))*)")


def _command_lines() -> list[tuple[Path, str, list[str]]]:
    lines = []
    for path, text in _texts():
        for match in _MENTION.finditer(text):
            before, word, rest = match.group(1), match.group(2), match.group(3).split()
            following = rest[0] if rest else ""
            if "-" in word or (not following and before in "'`\"") or following.startswith("--") \
                    or following.isupper() or re.match(r"[\d./]", following) or "/" in following:
                lines.append((path, word, rest))
    return lines


def test_every_command_a_message_names_exists_with_its_options():
    """Issue 28: a message named `reportgen templates --salin`, a command that does not exist."""
    from reportgen.cli.commands import main

    context = click.Context(main)
    wrong = []
    lines = _command_lines()
    assert len(lines) > 20  # the scan finds the command lines of the help and messages
    for path, word, rest in lines:
        command = main.get_command(context, word)
        if command is None:
            wrong.append(f"{path.relative_to(ROOT)}: reportgen {word} {' '.join(rest)}")
            continue
        if isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
            command = command.get_command(context, rest[0]) or command
        known = {"--help", *(opt for param in command.params for opt in (*param.opts, *param.secondary_opts))}
        wrong += [f"{path.relative_to(ROOT)}: reportgen {word} ... {option}" for option in rest
                  if option.startswith("--") and option not in known]
    assert not wrong, "\n".join(wrong)


def test_the_register_is_never_said_to_be_in_the_output_folder():
    """Issue 28: `web --help` said the register is in OUT/register.sqlite; it is beside unit.yaml."""
    for command in ("web", "daftar", "periksa", "keputusan", "semua"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0
        text = " ".join(result.output.split())
        assert "OUT/register" not in text and "outputs/register" not in text, text
    web = " ".join(run_cli("web", "--help").output.split())
    assert "Register unit ada di samping unit.yaml" in web
    for path, text in _texts():
        assert "OUT/register.sqlite" not in text, path


def test_an_undrawable_unit_name_names_its_key_in_unit_yaml(example, tmp_path):
    """Issue 28: a character no font has in `nama_lengkap` was reported without the unit.yaml key at fault."""
    profile = example / "unit.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("  nama_lengkap: Direktorat",
                                                                   "  nama_lengkap: \U00013000 Direktorat"),
                       encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("pakta", "2021", "--inputs", example, "--out", out, "--jobs", "1",
                     "--register", tmp_path / "register.sqlite")
    assert result.exit_code == 1, result.output
    assert f"{profile}, kunci 'instansi.nama_lengkap', baris 6" in result.output
    assert "'\U00013000' (U+13000) yang tidak dapat dicetak" in result.output
    assert snapshot(out) == {}
