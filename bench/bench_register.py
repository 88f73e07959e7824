"""Benchmark: the register's numbers per second with W concurrent writers, on SQLite and on PostgreSQL.

Usage: .venv/bin/python bench/bench_register.py [--penulis 20] [--nomor 50]
Each writer is a process of its own that takes numbers one document per transaction, in two ways:
- "langsung": the number is taken in the transaction that records the document and its file (issue_batch with a
  classification code and no drafted number): the register's own rate;
- "draf": as a run takes it: it asks the number the register would give (peek_number), then records the document
  with that number (issue_batch with drafted_number), and when another writer took it first waits as publish does
  (0.05-0.3 s) and drafts again.
A writer that finds the register locked longer than the run's limit (BUSY_TIMEOUT_S, the error a run would show)
counts it and tries again. All writers start together; the figure is every number taken divided by the time from
the start to the last writer's end; every serial 1..W*N must be in the register once. PostgreSQL is a throwaway
server (tests/pg_server.py: initdb in a temporary folder, run by nobody when root, reached through a socket there,
fsync off as in the tests); SQLite sits in a temporary folder on this machine's disk.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

WRITER = textwrap.dedent('''
    import datetime as dt, random, sys, time
    from pathlib import Path
    from reportgen.conventions.document_numbers import NumberPattern
    from reportgen.errors import ReportgenError
    from reportgen.trust.register import IssueRequest, NumberMoved, Register

    where, name, count, start, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    pattern = NumberPattern("{kode}/{nomor}/{tahun}")
    date = dt.date(2021, 1, 4)
    moved = busy = 0
    longest = 0.0
    with Register(where) as register:
        time.sleep(max(0.0, start - time.time()))
        for i in range(count):
            identity = f"{name}-{i}"
            while True:
                began = time.time()
                try:
                    number = None
                    if mode == "draf":
                        number, _ = register.peek_number(kind="keputusan", year=2021, identity=identity, date=date,
                                                         code="800", number=None, pattern=pattern)
                    register.issue_batch([IssueRequest(
                        kind="keputusan", year=2021, identity=identity, date=date, subject=identity,
                        person=None, inputs_sha256=None, doc_id=None,
                        files=((Path("/hasil") / f"{identity}.pdf", "pdf", identity.encode().hex(), 1),),
                        code="800", pattern=pattern, drafted_number=number)])
                    longest = max(longest, time.time() - began)
                    break
                except NumberMoved:
                    moved += 1
                    time.sleep(random.uniform(0.05, 0.3))  # as publish does
                except ReportgenError as exc:
                    if "dikunci" not in str(exc):
                        raise
                    busy += 1
    print(time.time(), moved, busy, longest)
''')


def run(where: str, writers: int, count: int, mode: str) -> dict:
    """Return the figures of `writers` processes taking `count` numbers each in `mode`."""
    from reportgen.trust.register import Register

    with Register(where) as register:
        register.secret()
    start = time.time() + 2 + writers * 0.2
    processes = [subprocess.Popen([sys.executable, "-c", WRITER, where, f"w{w}", str(count), str(start), mode],
                                  stdout=subprocess.PIPE, text=True) for w in range(writers)]
    ends, moved, busy, longest = [], 0, 0, 0.0
    failed = False
    for process in processes:
        out, _ = process.communicate()
        if process.returncode:
            failed = True
            continue
        end, again, locked, slowest = out.split()
        ends.append(float(end))
        moved, busy, longest = moved + int(again), busy + int(locked), max(longest, float(slowest))
    if failed:
        raise SystemExit("a writer failed")
    with Register(where, read_only=True) as register:
        serials = sorted(e.serial for e in register.entries())
    assert serials == list(range(1, writers * count + 1)), "a number was given twice or skipped"
    return {"rate": writers * count / (max(ends) - start), "moved": moved, "busy": busy, "longest": longest}


def line(name: str, mode: str, figures: dict) -> str:
    return (f"  {name:<11} {mode:<9} {figures['rate']:7.1f} nomor/detik; transaksi terlama {figures['longest']:5.2f} s; "
            f"draf diulang {figures['moved']}; terkunci > batas {figures['busy']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--penulis", type=int, default=20, help="concurrent writer processes")
    parser.add_argument("--nomor", type=int, default=50, help="numbers each writer takes")
    parser.add_argument("--cara", choices=("langsung", "draf"), nargs="*", default=["langsung", "draf"])
    args = parser.parse_args()
    from pg_server import Server

    print(f"{args.penulis} penulis bersamaan, masing-masing {args.nomor} nomor; {os.cpu_count()} inti; "
          f"beban awal {os.getloadavg()[0]:.1f}")
    server = Server()
    try:
        for mode in args.cara:
            with tempfile.TemporaryDirectory() as tmp:
                print(line("SQLite", mode, run(str(Path(tmp) / "register.sqlite"), args.penulis, args.nomor, mode)),
                      flush=True)
            print(line("PostgreSQL", mode, run(server.database(), args.penulis, args.nomor, mode)), flush=True)
    finally:
        server.stop()
    print(f"beban akhir {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
