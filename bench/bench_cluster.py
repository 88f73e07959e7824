"""Benchmark: N integrity pacts with the process pool and with a Dask cluster (a LocalCluster of 2 workers in a process
of its own, reached by its address as `--klaster` reaches a real one), time, CPU and peak memory of every process.

Usage: .venv/bin/python bench/bench_cluster.py N [N ...] [--jobs J] [--hanya pool|dask] [--tetap]
Each run is a process of its own on the same roster and the same register key (the files of both are compared
byte for byte unless --tanpa-banding). Memory is sampled from /proc every half second: the main process, the
largest other process (a pool worker, a Dask worker), the scheduler, each resident and private (what the process
alone holds: a forked pool worker's resident size counts the pages it shares with the main process); with the main process's memory at a quarter,
half, three quarters and the end of the run, to show whether it stays flat. The load average of the machine
during each run is printed too: other programs share the cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
TICK = os.sysconf("SC_CLK_TCK")


def _status(pid: int) -> tuple[int, float, int] | None:
    """Return (resident KB, CPU seconds, private KB) of a process, or None when it is gone. Private memory is what
    the process alone holds: a pool worker forked from the main process shares its pages until either writes them,
    and its resident size counts them too."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/smaps_rollup") as f:
            private = sum(int(line.split()[1]) for line in f if line.startswith(("Private_Clean:", "Private_Dirty:")))
        return rss, (int(fields[11]) + int(fields[12])) / TICK, private
    except (OSError, StopIteration, IndexError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        kids = []
        try:
            for task in os.listdir(f"/proc/{current}/task"):  # a child started by any thread of the process
                with open(f"/proc/{current}/task/{task}/children") as f:
                    kids += [int(k) for k in f.read().split()]
        except OSError:
            pass
        found += kids
        todo += kids
    return found


class Sampler:
    """Sample the memory and CPU of some process trees every half second."""

    def __init__(self, roots: dict[str, int]):
        self.roots, self.peak, self.private, self.cpu, self.main_series = roots, {}, {}, {}, []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.is_set():
            for name, root in self.roots.items():
                for pid in [root] + _children(root):
                    found = _status(pid)
                    if found is None or not found[0]:  # gone, or a zombie
                        continue
                    rss, cpu, private = found
                    key = name if pid == root else f"{name}-kind"
                    self.peak[key] = max(self.peak.get(key, 0), rss)
                    self.private[key] = max(self.private.get(key, 0), private)
                    self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)
                    if name == "utama" and pid == root:
                        self.main_series.append((time.perf_counter(), rss))
            self.stop.wait(0.5)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def one_run(count: int, tmp: Path, roster: Path, seed: Path, executor: str, jobs: int, address: str | None) -> dict:
    """Publish the roster's pacts once in this process; return the figures (printed as JSON)."""
    from reportgen.documents import pacts
    from reportgen.documents.kinds import Ask
    from reportgen.documents.publish import Settings, publish
    from reportgen.output.cluster import Cluster
    from reportgen.unit import Unit

    register = tmp / f"register-{executor}.sqlite"
    shutil.copy(seed, register)
    cluster = Cluster(address) if executor == "dask" else None
    start = time.perf_counter()
    result = publish([Ask(pacts.KIND, pacts.PactChoices(roster=roster, date=dt.date(2021, 3, 17)))],
                     Settings(Unit(ROOT / "inputs", tmp / executor, register_option=register), year=2021,
                              jobs=jobs, cluster=cluster))
    return {"seconds": time.perf_counter() - start, "files": len(result.published[0].files)}


def measure(count: int, tmp: Path, roster: Path, seed: Path, executor: str, jobs: int) -> dict:
    """Run one executor in a process of its own (with its LocalCluster in another), sampling every process."""
    roots = {}
    cluster_process, address = None, None
    if executor == "dask":
        cluster_process = subprocess.Popen([sys.executable, __file__, "--klaster-lokal", str(jobs)],
                                           stdout=subprocess.PIPE, text=True)
        address = cluster_process.stdout.readline().strip()
        roots["klaster"] = cluster_process.pid
    load_before = os.getloadavg()[0]
    command = [sys.executable, __file__, str(count), "--satu", executor, "--tmp", str(tmp), "--roster", str(roster),
               "--seed", str(seed), "--jobs", str(jobs)] + (["--alamat", address] if address else [])
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    roots["utama"] = process.pid
    loads = []
    with Sampler(roots) as sampler:
        while process.poll() is None:
            loads.append(os.getloadavg()[0])
            time.sleep(1)
    out = process.stdout.read()
    if process.returncode:
        raise SystemExit(f"{executor} {count}: gagal ({process.returncode})")
    figures = json.loads(out.strip().splitlines()[-1])
    if cluster_process is not None:
        cluster_process.terminate()
        cluster_process.wait(60)
    series = sampler.main_series
    figures["main_mb"] = sampler.peak.get("utama", 0) / 1024
    figures["worker_mb"] = max(sampler.peak.get("utama-kind", 0), sampler.peak.get("klaster-kind", 0)) / 1024
    figures["scheduler_mb"] = sampler.peak.get("klaster", 0) / 1024
    figures["main_private_mb"] = sampler.private.get("utama", 0) / 1024
    figures["worker_private_mb"] = max(sampler.private.get("utama-kind", 0), sampler.private.get("klaster-kind", 0)) / 1024
    figures["cpu"] = sum(sampler.cpu.values())
    figures["main_cpu"] = sampler.cpu.get(process.pid, 0.0)  # the part no cluster spreads: a run's serial share
    figures["load"] = (min([load_before] + loads), max([load_before] + loads), sum(loads) / max(len(loads), 1))
    figures["main_series_mb"] = [series[min(len(series) - 1, int(len(series) * q))][1] / 1024
                                 for q in (0.25, 0.5, 0.75, 0.999)] if series else []
    return figures


def local_cluster(workers: int) -> None:
    """Run a LocalCluster of `workers` single-threaded worker processes until stdin closes or a signal comes."""
    import signal

    from distributed import LocalCluster

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})  # closed cleanly, workers too
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        print(cluster.scheduler_address, flush=True)
        signal.sigwait({signal.SIGTERM, signal.SIGINT})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", type=int, nargs="*", default=[1000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--hanya", choices=("pool", "dask"), default=None, help="one executor only")
    parser.add_argument("--tanpa-banding", dest="compare", action="store_false", help="files not compared")
    parser.add_argument("--satu", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--roster", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--alamat", help=argparse.SUPPRESS)
    parser.add_argument("--klaster-lokal", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.klaster_lokal:
        return local_cluster(args.klaster_lokal)
    if args.satu:
        print(json.dumps(one_run(args.counts[0], args.tmp, args.roster, args.seed, args.satu, args.jobs,
                                 args.alamat)))
        return
    from factories import make_roster

    from reportgen.trust.register import Register

    print(f"mesin: {os.cpu_count()} inti, {dt.datetime.now():%Y-%m-%d %H:%M}", flush=True)
    for count in args.counts:
        with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
            tmp = Path(tmp)
            roster, seed = tmp / "roster.xlsx", tmp / "seed.sqlite"
            made = time.perf_counter()
            make_roster(roster, count)
            with Register(seed) as register:
                register.secret()
            print(f"{count} pakta (daftar dibuat dalam {time.perf_counter() - made:.0f} s)", flush=True)
            sums = {}
            for executor in ("pool", "dask") if args.hanya is None else (args.hanya,):
                f = measure(count, tmp, roster, seed, executor, args.jobs)
                low, high, mean = f["load"]
                print(f"  {executor:<5} {f['seconds']:8.1f} s, {f['files']} berkas, CPU semua proses {f['cpu']:.0f} s "
                      f"({1000 * f['cpu'] / count:.1f} ms per pakta per inti), proses utama {f['main_cpu']:.0f} s "
                      f"({1000 * f['main_cpu'] / count:.1f} ms per pakta); memori puncak: utama "
                      f"{f['main_mb']:.0f} MB, pekerja terbesar {f['worker_mb']:.0f} MB (milik sendiri: utama "
                      f"{f['main_private_mb']:.0f}, pekerja {f['worker_private_mb']:.0f} MB)"
                      + (f", penjadwal {f['scheduler_mb']:.0f} MB" if executor == "dask" else "")
                      + f"; utama di 25/50/75/100 %: {'/'.join(f'{m:.0f}' for m in f['main_series_mb'])} MB; "
                      f"beban {low:.1f}-{high:.1f} (rata-rata {mean:.1f})", flush=True)
                if args.compare:
                    folder = tmp / executor / "2021" / "pakta-integritas"
                    sums[executor] = subprocess.run(f"cd {folder} && sha256sum $(ls | sort)", shell=True,
                                                    capture_output=True, text=True, check=True).stdout
                    if executor == "dask":
                        same = sums["pool"] == sums["dask"]
                        print(f"  berkas pool dan dask {'sama byte demi byte' if same else 'BERBEDA'}", flush=True)
                    shutil.rmtree(tmp / executor / "2021" / "pakta-integritas", ignore_errors=True) \
                        if executor == "dask" else None
            shutil.rmtree(tmp / "pool", ignore_errors=True)


if __name__ == "__main__":
    main()
