#!/usr/bin/env python3
"""Times pantau and VisiData side by side on the same generated national CSV files.

For each tool, in a private tmux server at 200x60, one after the other, several rounds:
  open   launch -> first full screen (pantau: the dashboard with its hint line;
         VisiData: indikator.csv, 465,171 rows, with the final row count in its status line)
  sort   pantau: `/a` Enter lists ~60,000 regions, then `s` sorts them by name;
         VisiData: `]` sorts indikator.csv by the nilai column
  filter pantau: `/sukamaju` typed into the filter over all 91,599 names (substring, as
         pantau has no regex filter); VisiData: `|` with the regex ^32\\.01\\. on kode,
         until it reports the matching rows selected
  peak   VmHWM from /proc/PID/status after the operations
Reported as medians and as ratios (VisiData / pantau). Usage, from the repository root:

  python3 scripts/compare-visidata.py [--rounds 3] [--data DIR]
  python3 scripts/compare-visidata.py --open-only --rounds 3 DIR ...   # the open step on several datasets

With --open-only, each DIR (for example the shapes that scripts/shape-bench.py --work
writes) is opened by both tools in turn, and only the open time is reported, per DIR.

It installs VisiData with pip when `vd` is missing, builds pantau and pantau-generate in
release mode, and generates the dataset into a temporary directory unless --data is given.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SOCKET = "pantau-compare"
WIDTH, HEIGHT = 200, 60


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=check, capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", "t", check=False)


def wait_for(predicate, timeout=60.0, poll=0.005):
    """Seconds until predicate(screen text) holds; the screen is polled every `poll` s."""
    start = time.monotonic()
    while True:
        text = screen()
        if predicate(text):
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise TimeoutError("timed out; screen was:\n" + text)
        time.sleep(poll)


def pane_pid():
    pid = int(tmux("display", "-p", "-t", "t", "#{pane_pid}").strip())
    # If a shell runs the command, the tool is its child.
    with open(f"/proc/{pid}/comm") as f:
        if f.read().strip() in ("sh", "bash", "dash"):
            children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
            if children:
                return int(children[0])
    return pid


def vm_hwm_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def start(command):
    tmux("kill-server", check=False)
    tmux("new-session", "-d", "-s", "t", "-x", str(WIDTH), "-y", str(HEIGHT), "-e", "LANG=C.UTF-8", command)


def send(*keys):
    tmux("send-keys", "-t", "t", *keys)


def bottom(text):
    lines = text.rstrip("\n").split("\n")
    return lines[-1] if lines else ""


def run_pantau(binary, data):
    start(f"exec {binary} --data {data} --today 2026-11-23 --readonly --lang id")
    t0 = time.monotonic()
    wait_for(lambda s: "q keluar" in s and "Aceh" in s)
    opened = time.monotonic() - t0
    pid = pane_pid()
    # Sort: a list of ~60,000 regions (filter "a"), sorted by name.
    send("/", "a", "Enter")
    wait_for(lambda s: "urut kode · /a" in s and "Cari:" not in bottom(s))
    send("s")
    sort = wait_for(lambda s: "urut nama" in s)
    send("Escape")
    wait_for(lambda s: "Aceh" in s and "q keluar" in s)
    time.sleep(0.2)  # so that Escape and the next key are not read as one Alt- key
    # Filter: typed as one burst, timed until the matches are listed.
    send("/")
    wait_for(lambda s: "Cari:" in bottom(s))
    t0 = time.monotonic()
    send(*list("sukamaju"))
    wait_for(lambda s: s.count("Sukamaju") >= 3 and "sukamaju" in s, poll=0.002)
    filtered = time.monotonic() - t0
    peak = vm_hwm_mib(pid)
    send("Escape", "q")
    tmux("kill-server", check=False)
    return opened, sort, filtered, peak


def run_visidata(vd, csv, rows, sorted_first, regex_rows):
    start(f"exec {vd} {csv}")
    t0 = time.monotonic()
    wait_for(lambda s: f"{rows} rows" in bottom(s) and "kode" in s, timeout=120)
    opened = time.monotonic() - t0
    pid = pane_pid()
    send("l", "l", "l")  # to the nilai column
    time.sleep(0.3)
    t0 = time.monotonic()
    send("]")
    wait_for(lambda s: "sorting" not in bottom(s) and f"{rows} rows" in bottom(s)
             and sorted_first in s.split("\n")[2], timeout=120)
    sort = time.monotonic() - t0
    send("h", "h", "h")  # back to kode
    time.sleep(0.3)
    send("|")
    time.sleep(0.3)
    t0 = time.monotonic()
    send("^32\\.01\\.", "Enter")
    wait_for(lambda s: f"selected {regex_rows} rows" in s, timeout=120)
    filtered = time.monotonic() - t0
    peak = vm_hwm_mib(pid)
    send("q", "q", "q")
    tmux("kill-server", check=False)
    return opened, sort, filtered, peak


def rows_in(csv):
    """The data rows of a CSV file as VisiData counts them (quoted fields hold no newline here)."""
    with open(csv, "rb") as f:
        return sum(1 for line in f if line.strip()) - 1


def open_pantau(binary, data):
    start(f"exec {binary} --data {data} --today 2026-11-23 --readonly --lang id")
    t0 = time.monotonic()
    wait_for(lambda s: "q keluar" in s and "Aceh" in s)
    opened = time.monotonic() - t0
    send("q")
    tmux("kill-server", check=False)
    return opened


def open_visidata(vd, csv, rows):
    start(f"exec {vd} {csv}")
    t0 = time.monotonic()
    wait_for(lambda s: f"{rows} rows" in bottom(s) and "kode" in s, timeout=120)
    opened = time.monotonic() - t0
    send("q", "q", "q")
    tmux("kill-server", check=False)
    return opened


def open_only(vd, version, args):
    subprocess.run(["swift", "build", "-c", "release", "--product", "pantau"], check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], check=True,
                             capture_output=True, text=True).stdout.strip()
    binary = os.path.join(bin_dir, "pantau")
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores; {version}; "
          f"median of {args.rounds} rounds, alternating")
    print()
    print("| dataset | pantau: first frame | VisiData: indikator.csv loaded | VisiData / pantau |")
    print("|---|---|---|---|")
    for data in args.dirs:
        csv = os.path.join(data, "indikator.csv")
        rows = f"{rows_in(csv):,}".replace(",", "")
        pantau, visidata = [], []
        for _ in range(args.rounds):
            pantau.append(open_pantau(binary, data))
            visidata.append(open_visidata(vd, csv, rows))
        p, v = statistics.median(pantau), statistics.median(visidata)
        print(f"| {os.path.basename(data.rstrip('/'))} | {p * 1000:.0f} ms | {v * 1000:.0f} ms | {v / p:.1f}× |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", help="an existing national dataset directory (default: generate one)")
    parser.add_argument("--open-only", action="store_true", help="time only the open step, on each DIR given")
    parser.add_argument("dirs", nargs="*", help="with --open-only: dataset directories")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)

    vd = shutil.which("vd")
    if vd is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "visidata"], check=True)
        vd = shutil.which("vd") or os.path.join(os.path.dirname(sys.executable), "vd")
    version = subprocess.run([vd, "--version"], capture_output=True, text=True).stdout.strip()

    if args.open_only:
        open_only(vd, version, args)
        return

    for product in ("pantau", "pantau-generate"):
        subprocess.run(["swift", "build", "-c", "release", "--product", product], check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], check=True,
                             capture_output=True, text=True).stdout.strip()
    data = args.data
    cleanup = None
    if data is None:
        cleanup = tempfile.mkdtemp(prefix="pantau-national-")
        data = cleanup
        subprocess.run([os.path.join(bin_dir, "pantau-generate"), "--out", data], check=True)
    csv = os.path.join(data, "indikator.csv")

    # What VisiData will show: the row count, the first nilai after a descending text sort,
    # and how many kode match the regex.
    with open(csv, encoding="utf-8") as f:
        next(f)
        values, codes = [], []
        for line in f:
            parts = line.rstrip("\n").split(",")
            codes.append(parts[0])
            values.append(parts[3])
    rows = len(values)
    sorted_first = max(values)
    regex_rows = sum(1 for c in codes if re.match(r"^32\.01\.", c))

    results = {"pantau": [], "VisiData": []}
    for round_number in range(args.rounds):
        results["pantau"].append(run_pantau(os.path.join(bin_dir, "pantau"), data))
        results["VisiData"].append(run_visidata(vd, csv, rows, sorted_first, regex_rows))
        print(f"round {round_number + 1}: pantau {results['pantau'][-1]}, VisiData {results['VisiData'][-1]}", flush=True)

    def median(tool, index):
        return statistics.median(r[index] for r in results[tool])

    cpu = "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except OSError:
        pass
    print()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, {cpu}; "
          f"{version}; median of {args.rounds} rounds; dataset {data}")
    print()
    print("| step | pantau | VisiData | VisiData / pantau |")
    print("|---|---|---|---|")
    names = ["launch → first full screen", "sort", "filter", "peak RSS (VmHWM)"]
    for index, name in enumerate(names):
        p, v = median("pantau", index), median("VisiData", index)
        unit = (lambda x: f"{x:.0f} MiB") if index == 3 else (lambda x: f"{x * 1000:.0f} ms")
        print(f"| {name} | {unit(p)} | {unit(v)} | {v / p:.1f}× |")
    if cleanup:
        shutil.rmtree(cleanup, ignore_errors=True)


if __name__ == "__main__":
    main()
