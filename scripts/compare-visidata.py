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
writes) is opened by both tools in turn, and only the open time is reported, per DIR:
VisiData opening DIR/indikator.csv, and pantau opening the same file with only the two
files it needs to show it (wilayah.csv and sumber.csv, linked into DIR-indikator-only),
and the whole DIR. Every time is from the Enter that starts the tool in its pane (the
pane's shell waits for it) until the data is on the screen: pantau's first frame with
the figures, VisiData's final row count. The pane is polled every 5 ms through one tmux
control-mode client, so the polling starts no process.

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


class Control:
    """A tmux control-mode client: commands and their output over one pipe, so polling the
    screen starts no process (a `tmux capture-pane` process every few milliseconds would
    take CPU from the tool being timed on a 2-core machine)."""

    def __init__(self):
        self.process = subprocess.Popen(["tmux", "-L", SOCKET, "-C", "attach", "-t", "t"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, bufsize=0)
        self.buffer = b""
        self.command("refresh-client -f no-output")
        self.command(f"refresh-client -C {WIDTH}x{HEIGHT}")

    def line(self):
        while b"\n" not in self.buffer:
            chunk = self.process.stdout.read1(65536) if hasattr(self.process.stdout, "read1") else os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise EOFError("tmux control client ended")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def command(self, text):
        self.process.stdin.write(text.encode() + b"\n")
        lines, inside = [], False
        while True:
            line = self.line()
            if line.startswith(b"%begin"):
                inside = True
            elif inside and (line.startswith(b"%end") or line.startswith(b"%error")):
                return b"\n".join(lines).decode("utf-8", errors="replace")
            elif inside:
                lines.append(line)

    def close(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()


CONTROL = None


def screen():
    if CONTROL is not None:
        return CONTROL.command("capture-pane -p -t t")
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
    """Starts `command` in a fresh tmux server at WIDTH×HEIGHT and returns the moment it
    was started: the pane's shell waits for a line, and the clock starts when the Enter
    that lets it `exec` the tool is sent (tmux's own start-up is not timed, for either tool)."""
    global CONTROL
    stop()
    for attempt in range(20):  # the server just killed may still be going away
        try:
            tmux("new-session", "-d", "-s", "t", "-x", str(WIDTH), "-y", str(HEIGHT), "-e", "LANG=C.UTF-8",
                 f"read go; {command}")
            break
        except subprocess.CalledProcessError:
            if attempt == 19:
                raise
            time.sleep(0.1)
    CONTROL = Control()
    time.sleep(0.2)  # the shell is waiting
    started = time.monotonic()
    CONTROL.command("send-keys -t t Enter")
    return started


def stop():
    global CONTROL
    if CONTROL is not None:
        CONTROL.close()
        CONTROL = None
    tmux("kill-server", check=False)


def send(*keys):
    tmux("send-keys", "-t", "t", *keys)


def bottom(text):
    lines = text.rstrip("\n").split("\n")
    return lines[-1] if lines else ""


def shown(text):
    """pantau's first frame with indikator.csv's figures on it (Aceh's poverty rate in the
    Regions pane, its series in the Indicators pane) and the hint line."""
    return "q keluar" in text and "Aceh" in text and "Kemiskinan (P0)" in text and " % " in text


def run_pantau(binary, data):
    t0 = start(f"exec {binary} --data {data} --today 2026-11-23 --readonly --lang id")
    wait_for(shown)
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
    stop()
    return opened, sort, filtered, peak


def run_visidata(vd, csv, rows, sorted_first, regex_rows):
    t0 = start(f"exec {vd} {csv}")
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
    stop()
    return opened, sort, filtered, peak


def rows_in(csv):
    """The data rows of a CSV file as VisiData counts them (quoted fields hold no newline here)."""
    with open(csv, "rb") as f:
        return sum(1 for line in f if line.strip()) - 1


def open_pantau(binary, data):
    t0 = start(f"exec {binary} --data {data} --today 2026-11-23 --readonly --lang id")
    wait_for(shown)
    opened = time.monotonic() - t0
    send("q")
    stop()
    return opened


def open_visidata(vd, csv, rows):
    t0 = start(f"exec {vd} {csv}")
    wait_for(lambda s: f"{rows} rows" in bottom(s) and "kode" in s, timeout=120)
    opened = time.monotonic() - t0
    send("q", "q", "q")
    stop()
    return opened


def indikator_only(data):
    """A directory with indikator.csv and only the files pantau needs to show it
    (wilayah.csv for its regions, sumber.csv for its sources), linked: what pantau opens
    to do what VisiData does with indikator.csv alone."""
    target = data.rstrip("/") + "-indikator-only"
    os.makedirs(target, exist_ok=True)
    for name in ("wilayah.csv", "sumber.csv", "indikator.csv"):
        link = os.path.join(target, name)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(os.path.realpath(os.path.join(data, name)), link)
    return target


def open_only(vd, version, args):
    if args.binary:
        binary = os.path.abspath(args.binary)
    else:
        subprocess.run(["swift", "build", "-c", "release", "--product", "pantau"], check=True)
        bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        binary = os.path.join(bin_dir, "pantau")
    load = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load average "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; {version}; median of {args.rounds} rounds, alternating; "
          "launch to the data shown in a tmux pane at 200x60")
    print()
    print("| dataset | pantau: indikator.csv (with wilayah, sumber) | VisiData: indikator.csv | VisiData / pantau, median of rounds "
          "| pantau: whole dataset | VisiData / pantau (whole) |")
    print("|---|---|---|---|---|---|")
    for data in args.dirs:
        csv = os.path.join(data, "indikator.csv")
        rows = f"{rows_in(csv):,}".replace(",", "")
        alone = indikator_only(data)
        pantau, whole, visidata = [], [], []
        for _ in range(args.rounds):
            pantau.append(open_pantau(binary, alone))
            visidata.append(open_visidata(vd, csv, rows))
            whole.append(open_pantau(binary, data))
        p, w, v = statistics.median(pantau), statistics.median(whole), statistics.median(visidata)
        # Ratios taken round by round (the two runs of a round are seconds apart), then
        # their median: a machine whose load drifts moves both runs of a round alike.
        ratio = statistics.median(b / a for a, b in zip(pantau, visidata))
        ratio_whole = statistics.median(b / a for a, b in zip(whole, visidata))
        print(f"| {os.path.basename(data.rstrip('/'))} | {p * 1000:.0f} ms | {v * 1000:.0f} ms | {ratio:.1f}× "
              f"| {w * 1000:.0f} ms | {ratio_whole:.1f}× |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", help="an existing national dataset directory (default: generate one)")
    parser.add_argument("--open-only", action="store_true", help="time only the open step, on each DIR given")
    parser.add_argument("--binary", help="with --open-only: this pantau binary instead of building one")
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
