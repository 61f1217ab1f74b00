#!/bin/sh
# Issue 19, finding 14: types N characters, one key each, into the note form of the real
# binary in a private tmux server and prints the seconds until the last one is on screen.
# Linear typing means seconds grow in proportion to N.   Usage: scripts/typing-time.sh BINARY N
BIN=$1; N=$2; SOCK=typing-$$
DIR=$(mktemp -d); cp -r "$(dirname "$0")/../Tests/Fixtures/seed-sample"/. $DIR/; rm -f $DIR/pantau.sqlite
tmux -L $SOCK new-session -d -x 120 -y 36 "env LANG=C.UTF-8 TERM=xterm-256color $BIN --data $DIR --today 2026-11-23"
until tmux -L $SOCK capture-pane -p | grep -q "Wilayah"; do sleep 0.1; done
tmux -L $SOCK send-keys Enter j 3 n
until tmux -L $SOCK capture-pane -p | grep -q "Tambah catatan"; do sleep 0.1; done
start=$(date +%s.%N)
python3 - "$SOCK" "$N" <<'PY'
import subprocess, sys
sock, n = sys.argv[1], int(sys.argv[2])
text = "x" * (n - 5) + "ujung"
for i in range(0, n, 1000):
    subprocess.run(["tmux", "-L", sock, "send-keys", "-l", text[i:i+1000]], check=True)
PY
until tmux -L $SOCK capture-pane -p | grep -q "ujung▏"; do sleep 0.05; done
end=$(date +%s.%N)
echo "N=$N seconds=$(echo "$end - $start" | bc)"
tmux -L $SOCK kill-server; rm -rf $DIR
