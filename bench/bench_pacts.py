"""Benchmark: N integrity pacts (DOCX + PDF each, print file, manifest), with per-phase figures.

Usage: .venv/bin/python bench/bench_pacts.py [N] [--jobs J] [--tanpa-qr]
Prints wall time per phase and peak memory (largest process, and all processes together).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from factories import make_roster  # noqa: E402

from reportgen.documents import pacts  # noqa: E402
from reportgen.documents.kinds import Ask  # noqa: E402
from reportgen.documents.publish import Settings, publish  # noqa: E402
from reportgen.inputs.schemas import roster as roster_schema  # noqa: E402
from reportgen.model import pact as pact_model  # noqa: E402
from reportgen.unit import Unit  # noqa: E402
from reportgen.output import batch  # noqa: E402
from reportgen.output.workers import default_jobs  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--tanpa-qr", dest="qr", action="store_false", help="without the verification mark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        roster = tmp / "roster.xlsx"
        make_roster(roster, args.count)
        # the kind imports its loader and builder when it runs: time them where they are defined
        roster_schema.load_roster = timed("baca + validasi daftar", roster_schema.load_roster)
        pact_model.build_pact = timed("bangun model dokumen", pact_model.build_pact)
        batch.PrintFile.add = timed(DURING_RENDER, batch.PrintFile.add)
        batch.PrintFile.finish = timed("tulis berkas cetak", batch.PrintFile.finish)
        batch.write_manifest = timed("manifest", batch.write_manifest)
        start = time.perf_counter()
        result = publish([Ask(pacts.KIND, pacts.PactChoices(roster=roster, date=dt.date(2021, 3, 17)))],
                         Settings(Unit(ROOT / "inputs", tmp / "out", register_option=tmp / "register.sqlite"),
                                  year=2021, jobs=args.jobs, qr=args.qr))  # never the example's own register
        total = time.perf_counter() - start
        files = list(result.published[0].folder.iterdir())
    known = sum(seconds for name, seconds in PHASES.items() if name != DURING_RENDER)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    mark = "" if args.qr else ", --tanpa-qr"
    print(f"{args.count} pakta, --jobs {args.jobs}{mark}: {len(files)} berkas dalam {total:.2f} s")
    for name, seconds in PHASES.items():
        print(f"  {name + (' (selama render)' if name == DURING_RENDER else ''):<36} {seconds:6.2f} s")
    print(f"  {'render DOCX + PDF (paralel)':<36} {total - known:6.2f} s")
    print(f"  {'per pakta':<36} {1000 * total / args.count:6.1f} ms")
    print(f"memori puncak: proses utama {own:.0f} MB, proses pekerja terbesar {children:.0f} MB, "
          f"jumlah maksimum ~{own + args.jobs * children:.0f} MB")


if __name__ == "__main__":
    main()
