"""Benchmark: an action plan of N activities (plan and realization, PDF and DOCX each), with per-stage figures.

Usage: .venv/bin/python bench/bench_plan.py [ROWS] [--tanpa-qr] [--profile FILE] [--tracemalloc]
Runs `reportgen rencana-aksi TAHUN --realisasi` as the command does (documents.publish) in a temporary
folder, on the example plan's rows repeated to N rows (tests/factories.py make_plan). Prints the wall time of
the run, the CPU time of each stage (the command runs in one process, so other processes on the machine
barely change it), the garbage collector's share, peak memory (RSS of the process), and, with --tracemalloc,
the peak of Python allocations (slower).
With --profile, writes a cProfile file of the whole run (read it with `python -m pstats FILE`).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from factories import make_plan  # noqa: E402

import weasyprint.document  # noqa: E402

from reportgen.documents import action_plan, publish as publish_module  # noqa: E402
from reportgen.documents.kinds import Ask  # noqa: E402
from reportgen.documents.publish import Settings, publish  # noqa: E402
from reportgen.unit import Unit  # noqa: E402
from reportgen.output import atomic  # noqa: E402
from reportgen.render import docx, html, one_document, weasy  # noqa: E402
from reportgen.trust import ids, register  # noqa: E402

PHASES: dict[str, float] = {}
_DEPTH = [0]  # a stage inside another stage (the HTML inside the layout) counts once, in the innermost


def timed(name, func):
    """Wrap a function so its wall time adds to PHASES[name] (time of stages called inside it excluded)."""
    def wrapper(*args, **kwargs):
        start = time.process_time()
        inner_before = PHASES.get("_inner", 0.0)
        PHASES["_inner"] = 0.0
        try:
            return func(*args, **kwargs)
        finally:
            spent = time.process_time() - start
            PHASES[name] = PHASES.get(name, 0.0) + spent - PHASES["_inner"]
            PHASES["_inner"] = inner_before + spent
    return wrapper


STAGES = [
    (action_plan, "load_plan", "baca + validasi rencana aksi"),
    (action_plan, "load_plan_dates", "baca + validasi rencana aksi"),
    (action_plan, "build_plan", "bangun model dokumen"),
    (action_plan, "build_realization", "bangun model dokumen"),
    (publish_module, "check_drawable", "cek huruf (glyph)"),
    (ids.Marker, "mark", "tanda verifikasi"),
    (html.HtmlWriter, "render", "HTML (Jinja)"),
    (weasy.LightHtml, "from_text", "baca HTML (parser XML)"),
    (weasy.LightHtml, "render", "tata letak WeasyPrint"),
    (weasyprint.document.Document, "write_pdf", "tulis PDF"),
    (one_document, "anchor_pages", "hitung halaman"),
    (docx.DocxWriter, "render", "DOCX"),
    (atomic.StagedFiles, "add", "tahap + pindahkan berkas"),
    (atomic.StagedFiles, "commit", "tahap + pindahkan berkas"),
    (register.Register, "issue_batch", "register"),
]


GC = {"seconds": 0.0, "runs": 0, "start": 0.0}


def _gc_clock(phase, info) -> None:
    """Add the time of every garbage collection to GC (gc.callbacks)."""
    if phase == "start":
        GC["start"] = time.process_time()
    else:
        GC["seconds"] += time.process_time() - GC["start"]
        GC["runs"] += info["generation"] == 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int, nargs="?", default=1000)
    parser.add_argument("--tanpa-qr", dest="qr", action="store_false", help="without the verification mark")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile file of the run")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure the peak of Python allocations")
    args = parser.parse_args()
    for owner, attr, name in STAGES:
        setattr(owner, attr, timed(name, getattr(owner, attr)))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plan = make_plan(tmp / "rencana-aksi.xlsx", args.rows)
        options = action_plan.PlanChoices(plan=plan, date=dt.date(2021, 1, 29), per=dt.date(2021, 12, 31))
        settings = Settings(Unit(ROOT / "inputs", tmp / "out", register_option=tmp / "register.sqlite"), year=2021,
                            qr=args.qr)
        if args.tracemalloc:
            tracemalloc.start()
        gc.callbacks.append(_gc_clock)
        profiler = cProfile.Profile() if args.profile else None
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        result = publish([Ask(action_plan.PLAN, options), Ask(action_plan.REALIZATION, options)], settings)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        total, wall = time.process_time() - start, time.perf_counter() - wall
        files = [f for p in result.published for f in p.files]
    PHASES.pop("_inner", None)
    known = sum(PHASES.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mark = "" if args.qr else ", --tanpa-qr"
    pages = ", ".join(f"{f.path.name} {f.pages} hlm" for f in files if f.pages)
    print(f"{args.rows} baris{mark}: {len(files)} berkas dalam {wall:.2f} s, waktu CPU {total:.2f} s ({pages})")
    print("waktu CPU per tahap (tidak terganggu proses lain di mesin yang sama):")
    for name, seconds in PHASES.items():
        print(f"  {name:<32} {seconds:7.2f} s")
    print(f"  {'lainnya':<32} {total - known:7.2f} s")
    print(f"  (pengumpul sampah Python, di dalam tahap-tahap di atas: {GC['seconds']:.2f} s, "
          f"{GC['runs']} kali penuh)")
    print(f"memori puncak (RSS): {peak:.0f} MB (sebelum perintah {before:.0f} MB; "
          f"{1000 * (peak - before) / args.rows:.1f} MB per 1.000 baris)")
    if args.tracemalloc:
        print(f"puncak alokasi Python (tracemalloc): {tracemalloc.get_traced_memory()[1] / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
