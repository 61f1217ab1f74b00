#!/usr/bin/env python3
"""The same national figures written in other valid shapes: time to the first frame and
peak memory for each, side by side for two binaries.

From a national dataset this writes indikator.csv again in each shape below (the other
files are links to the originals), then runs `pantau screen --size 200x60` on every shape,
alternating the binaries (A B A B ...) so that a drifting machine affects both alike, and
prints the median wall time and the peak resident memory (GNU time's %M, Debian's
`time` package) per shape and binary. Usage, from the repository root:

  swift run -c release pantau-generate --out /tmp/pantau-national
  swift build -c release --product pantau
  python3 scripts/shape-bench.py --data /tmp/pantau-national [--binary .build/release/pantau]
      [--baseline OTHER-BINARY] [--rounds 5] [--shapes enum,shuffled]
  python3 scripts/shape-bench.py --data /tmp/pantau-national --scale 2   # twice the figures

Shapes:
  enum         as generated: region, then indicator in the contract's display order, year
  indicators   another indicator order within each region (ids sorted by name)
  byindicator  sorted by indicator, then region (how BPS tables come)
  yearsdown    years descending within each region and indicator
  crlf         CRLF line ends
  quoted       a byte order mark and every field quoted
  comma        decimal commas (the values quoted)
  shuffled     rows in a random order

`--scale N` (N = 2 or 4) first makes a dataset with N times the figures: the same
regions with earlier years added (30, 60 and 90 years earlier), for the linear
growth target.
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

SHAPES = ["enum", "indicators", "byindicator", "yearsdown", "crlf", "quoted", "comma", "shuffled"]


def read_rows(path):
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    header = lines[0]
    rows = [line.split(b",") for line in lines[1:] if line]
    return header, rows


def write_shape(rows, header, shape, path):
    rows = list(rows)
    ending = b"\n"
    if shape == "indicators":
        # Within each region (rows of a region are together), indicators by name.
        order = {}
        for index, row in enumerate(rows):
            order.setdefault(row[0], len(order))
        rows.sort(key=lambda r: (order[r[0]], r[1], r[2], r[4]))
    elif shape == "byindicator":
        region_order = {}
        for row in rows:
            region_order.setdefault(row[0], len(region_order))
        rows.sort(key=lambda r: (r[1], region_order[r[0]], r[2], r[4]))
    elif shape == "yearsdown":
        region_order = {}
        indicator_order = {}
        for row in rows:
            region_order.setdefault(row[0], len(region_order))
            indicator_order.setdefault(row[1], len(indicator_order))
        rows.sort(key=lambda r: (region_order[r[0]], indicator_order[r[1]], -int(r[2]), r[4]))
    elif shape == "shuffled":
        random.Random(15).shuffle(rows)
    elif shape == "crlf":
        ending = b"\r\n"
    with open(path, "wb") as f:
        if shape == "quoted":
            f.write(b"\xef\xbb\xbf")
            quote = lambda fields: b",".join(b'"' + field + b'"' for field in fields)
            f.write(quote(header.split(b",")) + ending)
            f.write(ending.join(quote(row) for row in rows) + ending)
        elif shape == "comma":
            f.write(header + ending)
            f.write(ending.join(b",".join(row[:3] + [b'"' + row[3].replace(b".", b",") + b'"'] + row[4:]) for row in rows) + ending)
        else:
            f.write(header + ending)
            f.write(ending.join(b",".join(row) for row in rows) + ending)


def make_dataset(source, target, header, rows, shape):
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(source):
        if name.endswith(".csv") and name != "indikator.csv":
            link = os.path.join(target, name)
            if not os.path.exists(link):
                os.symlink(os.path.abspath(os.path.join(source, name)), link)
    write_shape(rows, header, shape, os.path.join(target, "indikator.csv"))


def run_once(binary, data, state):
    """Wall seconds and peak RSS (MiB) of one `pantau screen` run, as GNU time reports
    them (a child's own maxrss would also count this script's memory before the exec)."""
    report = os.path.join(os.path.dirname(state), "time-report")
    start = time.monotonic()
    process = subprocess.run(["/usr/bin/time", "-o", report, "-f", "%M", binary, "screen", "--size", "200x60",
                              "--data", data, "--state", state, "--lang", "id"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    if process.returncode != 0:
        sys.exit(f"{binary} failed on {data}: {process.stderr.decode(errors='replace')[:400]}")
    with open(report) as f:
        peak_kib = int(f.read().split()[-1])
    return wall, peak_kib / 1024

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--binary", default=".build/release/pantau")
    parser.add_argument("--baseline", help="a second binary, run alternately with the first")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--scale", type=int, default=1, help="1, 2 or 4 times the figures (earlier years added)")
    parser.add_argument("--work", default=None, help="where to write the shapes (default: a temporary directory)")
    args = parser.parse_args()
    header, rows = read_rows(os.path.join(args.data, "indikator.csv"))
    if args.scale > 1:
        # Each region and indicator's figures again, 30, 60 or 90 years earlier, before
        # the originals: still in enum order, N times the rows.
        scaled, group = [], []
        for row in rows + [None]:
            if group and (row is None or row[:2] != group[0][:2]):
                for k in range(args.scale - 1, 0, -1):
                    scaled += [[r[0], r[1], str(int(r[2]) - 30 * k).encode(), r[3], r[4]] for r in group]
                scaled += group
                group = []
            if row is not None:
                group.append(row)
        rows = scaled
    binaries = [("A", os.path.abspath(args.binary))]
    if args.baseline:
        binaries.append(("B", os.path.abspath(args.baseline)))
    work = args.work or tempfile.mkdtemp(prefix="pantau-shapes-")
    results = {}
    print(f"# {len(rows)} figures, {args.rounds} rounds, binaries: " + ", ".join(f"{k}={v}" for k, v in binaries))
    for shape in args.shapes.split(","):
        data = os.path.join(work, f"{shape}-x{args.scale}")
        make_dataset(args.data, data, header, rows, shape)
        for label, binary in binaries:  # warm-up: caches, the state file
            run_once(binary, data, os.path.join(work, f"state-{label}.sqlite"))
        for _ in range(args.rounds):
            for label, binary in binaries:
                wall, rss = run_once(binary, data, os.path.join(work, f"state-{label}.sqlite"))
                results.setdefault((shape, label), []).append((wall, rss))
        line = f"{shape:12}"
        for label, _ in binaries:
            walls = [w for w, _ in results[(shape, label)]]
            peaks = [r for _, r in results[(shape, label)]]
            line += f"  {label}: median {statistics.median(walls) * 1000:6.0f} ms (min {min(walls) * 1000:4.0f}, max {max(walls) * 1000:4.0f}), peak {max(peaks):5.0f} MiB"
        print(line, flush=True)


if __name__ == "__main__":
    main()
