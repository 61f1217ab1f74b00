#!/usr/bin/env python3
"""Times pantau from launch to its first complete frame, as a person sees it, in tmux.

Each round starts the release binary in a private tmux server at 200x60 and polls the
screen every 5 ms until the opening screen (the Regions pane with Aceh and the hint line
"q keluar") is there. The binary runs with PANTAU_TRACE_STARTUP=1, so each round also
prints pantau's own split of the time (load, store, context, terminal, first frame,
measured from the start of `main`). Usage, from the repository root:

  swift build -c release --product pantau
  python3 scripts/open-time.py --data /tmp/pantau-national [--rounds 10] [--size 200x60]

Prints one line per round and the median. A shell `echo` started the same way shows the
harness's own overhead (about 13 ms here).
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

SOCKET = "pantau-open-time"


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--size", default="200x60")
    parser.add_argument("--binary", default=".build/release/pantau")
    args = parser.parse_args()
    width, height = args.size.split("x")
    binary = os.path.abspath(args.binary)
    times = []
    with tempfile.TemporaryDirectory() as scratch:
        for round_number in range(args.rounds):
            trace = os.path.join(scratch, f"trace-{round_number}")
            tmux("kill-server")
            start = time.monotonic()
            tmux("new-session", "-d", "-s", "t", "-x", width, "-y", height, "-e", "LANG=C.UTF-8",
                 "-e", "PANTAU_TRACE_STARTUP=1",
                 f"exec {binary} --data {args.data} --lang id --readonly 2>{trace}")
            while True:
                screen = tmux("capture-pane", "-p", "-t", "t")
                if "q keluar" in screen and "Aceh" in screen:
                    break
                if time.monotonic() - start > 30:
                    raise TimeoutError("no first frame after 30 s; screen was:\n" + screen)
                time.sleep(0.005)
            times.append(time.monotonic() - start)
            tmux("send-keys", "-t", "t", "q")
            time.sleep(0.3)
            tmux("kill-server")
            with open(trace) as f:
                steps = " | ".join(line.replace("startup ", "").strip() for line in f if line.startswith("startup"))
            print(f"round {round_number + 1}: {times[-1] * 1000:.0f} ms   ({steps})", flush=True)
    print(f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f} "
          f"over {len(times)} rounds")


if __name__ == "__main__":
    main()
