#!/usr/bin/env python3
"""How long a follower (`pantau --follow`) takes to show an operator's move.

Starts an operator (`pantau present` on an agenda) and a follower in two private tmux
servers, on a copy of the dataset, then moves the operator's agenda forward and back N
times. Each time it notes when the operator's own screen shows the new region and when
the follower's does (both panes are polled every 10 ms). The difference is the follower's
lag: its poll, the store read, and its redraw.

    scripts/follow-latency.py [--binary .build/release/pantau] [--data Tests/Fixtures/seed-sample]
                              [--state postgres://user@host/db] [--moves 20]
"""
import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time


def tmux(socket, *args):
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout


def wait_for(socket, text, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in tmux(socket, "capture-pane", "-p", "-t", "t"):
            return time.monotonic()
        time.sleep(0.01)
    raise SystemExit(f"timed out waiting for {text!r} on {socket}:\n" + tmux(socket, "capture-pane", "-p", "-t", "t"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/pantau")
    parser.add_argument("--data", default="Tests/Fixtures/seed-sample")
    parser.add_argument("--state", help="a shared server's URL (default: the copy's pantau.sqlite)")
    parser.add_argument("--moves", type=int, default=20)
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="pantau-follow-latency-")
    data = os.path.join(work, "data")
    shutil.copytree(options.data, data)
    for suffix in ("", "-wal", "-shm"):
        path = os.path.join(data, "pantau.sqlite" + suffix)
        if os.path.exists(path):
            os.remove(path)
    with open(os.path.join(work, "agenda.txt"), "w") as agenda:
        agenda.write("16.06\n35.17\n")
    state = ["--state", options.state] if options.state else []
    binary = os.path.abspath(options.binary)
    common = ["--data", data, "--today", "2026-11-23", *state]
    operator, follower = f"lat-op-{os.getpid()}", f"lat-fo-{os.getpid()}"

    def start(socket, arguments, width, height):
        command = shlex.join([binary, *arguments])
        tmux(socket, "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
             f"env TERM=xterm-256color LANG=C.UTF-8 PANTAU_JOURNAL={work}/{socket}.journal {command}; sleep 60")

    try:
        start(follower, [*common, "--follow", "--as", "proyektor"], 80, 24)
        start(operator, ["present", *common, "--agenda", os.path.join(work, "agenda.txt"), "--as", "operator"], 120, 36)
        wait_for(operator, "Kabupaten Musi Banyuasin  16.06")
        wait_for(follower, "Kabupaten Musi Banyuasin  16.06")
        lags = []
        for move in range(options.moves):
            target = "Kabupaten Jombang  35.17" if move % 2 == 0 else "Kabupaten Musi Banyuasin  16.06"
            tmux(operator, "send-keys", "-t", "t", "Space" if move % 2 == 0 else "BSpace")
            shown_operator = wait_for(operator, target)
            shown_follower = wait_for(follower, target)
            lags.append((shown_follower - shown_operator) * 1000)
            time.sleep(0.3)
        lags.sort()
        print(f"{len(lags)} moves, follower lag after the operator's screen (ms): "
              f"min {lags[0]:.0f}, median {statistics.median(lags):.0f}, "
              f"90th {lags[int(len(lags) * 0.9) - 1]:.0f}, max {lags[-1]:.0f}")
    finally:
        for socket in (operator, follower):
            subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
