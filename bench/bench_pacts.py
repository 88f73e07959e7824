"""Benchmark: N integrity pacts (DOCX + PDF each, print file, manifest, register), with per-phase figures, against
the common Python alternative (docxtpl, then LibreOffice: bench/bench_docxtpl.py) on the same roster.

Usage: .venv/bin/python bench/bench_pacts.py [N] [--jobs J] [--tanpa-qr] [--satu-lintasan] [--ulang K]
                                            [--tanpa-pembanding]
Each run is a process of its own, reportgen's and the alternative's in turn (K rounds), so both meet the same load
of the machine; it prints wall and CPU time (of all the run's processes) per run and the ratio of the medians.
With --tanpa-pembanding, reportgen alone. --satu-lintasan lays every pact out in one pass (no two layers).
Peak memory: the largest process of a run (reportgen: the main process and the largest worker).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from factories import make_roster  # noqa: E402

PHASES: dict[str, float] = {}
DURING_RENDER = "gabung berkas cetak"  # in the main process while the workers render: not added to the total


def timed(name, func):
    """Wrap a function so its wall time adds to PHASES[name]."""
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            PHASES[name] = PHASES.get(name, 0.0) + time.perf_counter() - start
    return wrapper


def cpu_seconds() -> float:
    """Return the CPU time (user + system) of this process and of every process it waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def reportgen_run(roster: Path, tmp: Path, jobs: int, qr: bool, layered: bool) -> dict:
    """Publish the roster's pacts once, in this process; return the figures."""
    from reportgen.documents import pacts
    from reportgen.documents.kinds import Ask
    from reportgen.documents.publish import Settings, publish
    from reportgen.inputs.schemas import roster as roster_schema
    from reportgen.model import pact as pact_model
    from reportgen.output import batch
    from reportgen.unit import Unit

    # the kind imports its loader and builder when it runs: time them where they are defined
    roster_schema.load_roster = timed("baca + validasi daftar", roster_schema.load_roster)
    pact_model.build_pact = timed("bangun model dokumen", pact_model.build_pact)
    batch.PrintFile.join = timed(DURING_RENDER, batch.PrintFile.join)
    batch.PrintFile.finish = timed("tulis berkas cetak", batch.PrintFile.finish)
    batch.ManifestWriter.add = timed("manifest", batch.ManifestWriter.add)
    if not layered:
        run_batch = batch.run_batch
        batch.run_batch = lambda *a, **k: run_batch(*a, **{**k, "layered": False})
    start, cpu = time.perf_counter(), cpu_seconds()
    result = publish([Ask(pacts.KIND, pacts.PactChoices(roster=roster, date=dt.date(2021, 3, 17)))],
                     Settings(Unit(ROOT / "inputs", tmp / "out", register_option=tmp / "register.sqlite"),
                              year=2021, jobs=jobs, qr=qr))  # never the example's own register
    total, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    files = len(list(result.published[0].folder.iterdir()))
    return {"total": total, "cpu": cpu, "files": files, "phases": PHASES,
            "own_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def alternative_run(roster: Path, tmp: Path) -> dict:
    """Make the roster's pacts with docxtpl and LibreOffice, in a process of its own; return the figures."""
    out = tmp / "docxtpl"
    out.mkdir()
    before, start = cpu_seconds(), time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_docxtpl.py"), str(roster), str(out)],
                          check=True, capture_output=True, text=True)
    total, cpu = time.perf_counter() - start, cpu_seconds() - before
    figures = dict(part.split(" ") for part in done.stdout.strip().splitlines()[-1].split(", "))
    return {"total": total, "cpu": cpu, "docxtpl": float(figures["docxtpl"]), "soffice": float(figures["soffice"]),
            "files": int(figures["docx"]) + int(figures["pdf"]),
            "own_mb": float(figures["own_mb"]), "soffice_mb": float(figures["soffice_mb"])}


def print_reportgen(count: int, jobs: int, figures: dict, mark: str) -> None:
    total = figures["total"]
    print(f"{count} pakta, --jobs {jobs}{mark}: {figures['files']} berkas dalam {total:.2f} s "
          f"(CPU semua proses {figures['cpu']:.2f} s)")
    known = sum(seconds for name, seconds in figures["phases"].items() if name != DURING_RENDER)
    for name, seconds in figures["phases"].items():
        print(f"  {name + (' (selama render)' if name == DURING_RENDER else ''):<36} {seconds:6.2f} s")
    print(f"  {'render DOCX + PDF (paralel), register':<36} {total - known:6.2f} s")
    print(f"  {'per pakta':<36} {1000 * total / count:6.1f} ms")
    own, worker = figures["own_mb"], figures["worker_mb"]
    print(f"memori puncak: proses utama {own:.0f} MB, proses pekerja terbesar {worker:.0f} MB, "
          f"jumlah maksimum ~{own + jobs * worker:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--tanpa-qr", dest="qr", action="store_false", help="without the verification mark")
    parser.add_argument("--satu-lintasan", dest="layered", action="store_false", help="every pact in one pass")
    parser.add_argument("--tanpa-pembanding", dest="compare", action="store_false", help="reportgen alone")
    parser.add_argument("--ulang", type=int, default=1, help="rounds of both (with the comparison)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one reportgen run, for a round
    parser.add_argument("--roster", type=Path, help=argparse.SUPPRESS)  # the round's roster
    args = parser.parse_args()
    from reportgen.output.workers import default_jobs

    jobs = args.jobs or default_jobs()
    mark = ("" if args.qr else ", --tanpa-qr") + ("" if args.layered else ", --satu-lintasan")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        roster = args.roster or tmp / "roster.xlsx"
        if not args.roster:
            make_roster(roster, args.count)
        if args.json or not args.compare:
            figures = reportgen_run(roster, tmp, jobs, args.qr, args.layered)
            if args.json:
                print(json.dumps(figures))
            else:
                print_reportgen(args.count, jobs, figures, mark)
            return
        ours, theirs = [], []
        for round_number in range(1, args.ulang + 1):
            command = [sys.executable, __file__, str(args.count), "--jobs", str(jobs), "--json"]
            command += ([] if args.qr else ["--tanpa-qr"]) + ([] if args.layered else ["--satu-lintasan"])
            done = subprocess.run(command + ["--roster", str(roster)], check=True, capture_output=True, text=True)
            ours.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"putaran {round_number}:")
            print_reportgen(args.count, jobs, ours[-1], mark)
            run_folder = tmp / f"putaran-{round_number}"
            run_folder.mkdir()
            theirs.append(alternative_run(roster, run_folder))
            t = theirs[-1]
            print(f"docxtpl + LibreOffice: {t['files']} berkas dalam {t['total']:.2f} s (CPU {t['cpu']:.2f} s; "
                  f"docxtpl {t['docxtpl']:.2f} s, soffice --convert-to pdf {t['soffice']:.2f} s); memori puncak: "
                  f"python {t['own_mb']:.0f} MB, LibreOffice {t['soffice_mb']:.0f} MB")
        ours_s, theirs_s = statistics.median(r["total"] for r in ours), statistics.median(r["total"] for r in theirs)
        print(f"median {len(ours)} putaran: reportgen {ours_s:.2f} s ({1000 * ours_s / args.count:.1f} ms per pakta), "
              f"docxtpl + LibreOffice {theirs_s:.2f} s ({1000 * theirs_s / args.count:.1f} ms per pakta): "
              f"reportgen {theirs_s / ours_s:.1f} kali lebih cepat (waktu nyata), "
              f"{statistics.median(r['cpu'] for r in theirs) / statistics.median(r['cpu'] for r in ours):.1f} kali "
              "(waktu CPU)")


if __name__ == "__main__":
    main()
