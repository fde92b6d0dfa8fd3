# Shared helpers for the end-to-end tests: run the real program in a real
# terminal (a detached tmux session on a socket of its own), type keys, wait
# for the screen to show something, read it, resize it.
#
# A test sources this file, calls `start`, `keys`, `wait_for`, `expect_*`,
# and ends with `finish`. Every wait polls the screen (never a fixed long
# sleep) and gives up after E2E_TIMEOUT seconds (default 20).
set -u
: "${LADDER:?LADDER must name the built binary}"
: "${TESTDATA:?}"
: "${SRCDIR:?}"

command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipped"; exit 77; }

E2E_TIMEOUT=${E2E_TIMEOUT:-20}
SOCK="ladder-test-$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ladder-e2e.XXXXXX")
passed=0
failed=0
SCREEN=""

cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
unset LADDER_JOURNAL TMUX
mkdir -p "$HOME"

# The terminal type inside tmux: one with 256 colours when known here.
for E2E_TERM in tmux-256color screen-256color screen; do
	infocmp "$E2E_TERM" >/dev/null 2>&1 && break
done
cat >"$WORK/tmux.conf" <<EOF
set -g default-terminal "$E2E_TERM"
set -g remain-on-exit on
set -g status off
set -g history-limit 100
EOF

tm() { tmux -L "$SOCK" -f "$WORK/tmux.conf" "$@"; }

# quote ARG: ARG as one shell word
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# program_cmd [VAR=VALUE...] -- ARGS...: sets cmd to the shell command
# that runs the program so
program_cmd() {
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs $(quote "$1")"
		shift
	done
	[ $# -gt 0 ] && shift
	cmd="env$envs $(quote "$LADDER")"
	for a in "$@"; do
		cmd="$cmd $(quote "$a")"
	done
}

# start W H [VAR=VALUE...] -- ARGS...: runs "$LADDER ARGS..." in a fresh
# W x H terminal, with the variables set and standard error kept in
# $WORK/stderr, in the folder $E2E_CWD (default $WORK). Ends a session started
# before. The exit status lands in $WORK/rc (see wait_exit).
start() {
	w=$1 h=$2
	shift 2
	program_cmd "$@"
	# the status through a file: tmux does not always reap the pane's
	# process in time to report it
	rm -f "$WORK/rc"
	# in a folder of the test's own, so nothing lands in the source tree
	cmd="cd $(quote "${E2E_CWD:-$WORK}") && $cmd"
	# (the shell survives a Ctrl-C sent to the program: it catches it,
	# so the program still gets the default disposition)
	printf 'trap : INT\n%s 2>%s\necho $? >%s.tmp && mv %s.tmp %s\n' "$cmd" \
		"$(quote "$WORK/stderr")" "$(quote "$WORK/rc")" "$(quote "$WORK/rc")" \
		"$(quote "$WORK/rc")" >"$WORK/run.sh"
	: >"$WORK/stderr"
	new_session "$w" "$h" "sh $(quote "$WORK/run.sh")"
}

# new_session W H CMD: ends the tmux server of a session started before and
# starts CMD in a fresh one. On a busy machine the old server can still be
# on its way out when the new session is asked for, and the request then
# goes to it and is lost ("server exited unexpectedly"): so the new
# session is asked for until it is really there.
new_session() {
	tm kill-server >/dev/null 2>&1
	i=0
	while tm has-session -t t >/dev/null 2>&1 && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	i=0
	until tm has-session -t t >/dev/null 2>&1; do
		[ $i -ge 100 ] && return 1
		tm new-session -d -s t -x "$1" -y "$2" "$3" >/dev/null 2>&1 ||
			sleep 0.1
		i=$((i + 1))
	done
}

keys() { tm send-keys -t t "$@"; }
# type TEXT: the characters of TEXT, literally
type_text() { tm send-keys -t t -l "$1"; }
resize() { tm resize-window -t t -x "$1" -y "$2"; }

# capture: the screen as text into $SCREEN (and $WORK/screen)
capture() {
	tm capture-pane -p -t t >"$WORK/screen" 2>/dev/null
	SCREEN=$(cat "$WORK/screen")
}
# capture_escapes: the same with colours and attributes as escapes
capture_escapes() {
	tm capture-pane -p -e -t t >"$WORK/screen" 2>/dev/null
	SCREEN=$(cat "$WORK/screen")
}

ok() { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
not_ok() {
	failed=$((failed + 1))
	printf 'not ok - %s\n' "$1"
	printf '%s\n' "$SCREEN" | sed 's/^/  | /'
	if [ -s "$WORK/stderr" ]; then
		sed 's/^/  stderr: /' "$WORK/stderr"
	fi
}

# screen_has TEXT: the last capture contains TEXT
screen_has() {
	case "$SCREEN" in *"$1"*) return 0 ;; *) return 1 ;; esac
}

# settle: recaptures until two captures in a row are the same, so that the
# checks after a wait see the whole frame, not the part of it the terminal
# had drawn when the text waited for appeared (a busy machine splits a
# frame's output)
settle() {
	n=0
	while [ $n -lt 40 ]; do
		last=$SCREEN
		sleep 0.02
		capture
		[ "$SCREEN" = "$last" ] && return 0
		n=$((n + 1))
	done
}

# wait_true CMD...: recaptures until CMD succeeds on the screen (for
# conditions that the text before a key or a resize also met in part);
# false after the timeout. The other waits are made of it.
wait_true() {
	end=$(($(date +%s) + E2E_TIMEOUT))
	while :; do
		capture
		"$@" && return 0
		[ "$(date +%s)" -gt "$end" ] && return 1
		sleep 0.05
	done
}
# wait_for TEXT: polls until the screen shows TEXT, then lets the frame
# settle
wait_for() { wait_true screen_has "$1" && settle; }
# wait_gone TEXT: polls until the screen no longer shows TEXT
screen_lacks() { ! screen_has "$1"; }
wait_gone() { wait_true screen_lacks "$1"; }

# expect_screen NAME TEXT: the screen shows TEXT (waiting for it)
expect_screen() {
	if wait_for "$2"; then ok "$1"; else not_ok "$1 (screen lacks: $2)"; fi
}
# expect_not_screen NAME TEXT: the screen (as last captured) lacks TEXT
expect_not_screen() {
	if screen_has "$2"; then not_ok "$1 (screen shows: $2)"; else ok "$1"; fi
}
expect_true() {
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# rows_with TEXT: how many lines of the last capture contain TEXT
rows_with() { printf '%s\n' "$SCREEN" | grep -c -F -- "$1"; }

# near TEXT PATTERN N: a line within N lines of one holding TEXT matches
# the grep pattern PATTERN (a rung's name and its bar and count)
near() {
	printf '%s\n' "$SCREEN" | awk -v text="$1" -v pat="$2" -v n="$3" '
		{ line[NR] = $0 }
		index($0, text) { at[NR] = 1 }
		END {
			for (i in at)
				for (j = i - n; j <= i + n; j++)
					if ((j in line) && (line[j] ~ pat)) found = 1
			exit !found
		}'
}

# wait_exit: waits until the program has ended; its status in $rc
wait_exit() {
	end=$(($(date +%s) + E2E_TIMEOUT))
	rc=""
	while :; do
		if [ -f "$WORK/rc" ]; then
			rc=$(cat "$WORK/rc")
			return 0
		fi
		[ "$(date +%s)" -gt "$end" ] && return 1
		sleep 0.05
	done
}

# validate FILE SCHEMA: FILE is valid against data/schema/SCHEMA (Debian's
# python3-jsonschema; the python3 first on PATH may lack it)
validate() {
	py=/usr/bin/python3
	[ -x "$py" ] || py=python3
	"$py" - "$1" "$SRCDIR/data/schema/$2" <<'EOF'
import json, sys
try:
    from jsonschema import Draft202012Validator
except ImportError:
    print("  (no jsonschema module: not checked)")
    sys.exit(0)
doc = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
Draft202012Validator.check_schema(schema)
errors = list(Draft202012Validator(schema).iter_errors(doc))
for e in errors:
    print("  %s: %s" % ("/".join(str(p) for p in e.path), e.message))
sys.exit(1 if errors else 0)
EOF
}

finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
