#!/usr/bin/env python3
"""A dashboard over a long follow-up log: open time, memory and remote changes.

For each log length (default 10,000, 100,000 and 1,000,000 events) this makes a state
file of decisions on the recommendations of the national dataset (statuses, notes,
deadlines, OPDs, like a province's years of meetings), then runs the release
`pantau-history` once on it: load, read every event, apply them, first frame, peak
memory; then 20 decisions recorded through another connection, each picked up by the
dashboard's poll (read only what is new, apply it, draw) and, for comparison, by
applying the whole log again as before (3 decisions at a million events). A run with no events gives the baseline.
Usage, from the repository root:

  swift run -c release pantau-generate --out /tmp/pantau-national
  (cd Benchmarks && swift build -c release --product pantau-history)
  python3 scripts/history-bench.py --data /tmp/pantau-national [--events 0,10000,100000,1000000]

With --versus OTHER_BINARY (the same benchmark built from another commit, e.g. from a
`git archive` of it in a scratch folder), each log length runs both binaries in turn,
A B A B for --rounds rounds, each on a fresh copy of the same state file, so that the
ratio holds on a shared machine whose speed drifts.
"""
import argparse
import csv
import os
import random
import shutil
import sqlite3
import subprocess
import tempfile

BINARY = "Benchmarks/.build/release/pantau-history"


def fill(path, count, ids):
    random.seed(count)
    db = sqlite3.connect(path)
    rows = []
    statuses = ["belum", "proses", "selesai", "tidak_dapat"]
    for n in range(count):
        rid = random.choice(ids)
        kind = random.random()
        if kind < 0.5:
            field, old, new = "status", random.choice(statuses), random.choice(statuses)
        elif kind < 0.75:
            field, old, new = "note", None, f"Dibahas di rapat ke-{n % 97}; tindak lanjut oleh OPD terkait"
        elif kind < 0.9:
            field, old, new = "tenggat", None, f"2027-{1 + n % 12:02d}-{1 + n % 28:02d}"
        else:
            field, old, new = "opd", None, random.choice(["Dinas Sosial", "Dinas Kesehatan", "Bappeda", "Dinas PMD"])
        rows.append((f"bench-{n}", rid, field, old, new, None, "bench", "2026-11-23T10:15:00Z", None))
    db.executemany("INSERT INTO event (client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--events", default="0,10000,100000,1000000")
    parser.add_argument("--binary", default=BINARY)
    parser.add_argument("--versus", help="a second pantau-history binary, run in turn with --binary")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--changes", type=int, help="remote changes per run (default 20, 5 at a million events)")
    args = parser.parse_args()
    binaries = [("A", args.binary)] + ([("B", args.versus)] if args.versus else [])
    with open(os.path.join(args.data, "rekomendasi.csv"), newline="", encoding="utf-8-sig") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    with tempfile.TemporaryDirectory() as scratch:
        for count in [int(c) for c in args.events.split(",")]:
            made = os.path.join(scratch, f"state-{count}.sqlite")
            subprocess.run([args.binary, "--create", "--state", made], check=True)
            fill(made, count, ids)
            # Applying a million events again takes seconds: fewer changes there.
            changes = str(args.changes or (20 if count < 1_000_000 else 5))
            for _ in range(args.rounds):
                for label, binary in binaries:
                    # A fresh copy each run: the remote changes append to it.
                    state = os.path.join(scratch, "run.sqlite")
                    shutil.copyfile(made, state)
                    result = subprocess.run([binary, "--data", args.data, "--state", state, "--changes", changes],
                                            capture_output=True, text=True, check=True)
                    prefix = f"{label}: " if args.versus else ""
                    print(prefix + result.stdout.strip().replace("\n", "\n" + prefix), flush=True)
                    for suffix in ["", "-wal", "-shm"]:
                        if os.path.exists(state + suffix):
                            os.remove(state + suffix)


if __name__ == "__main__":
    main()
