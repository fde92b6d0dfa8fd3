# Helpers for the end-to-end tests of the interactive program (home,
# assessment, result, editor, history). Source after lib.sh.

PASS="$WORK/pass"
printf 'correct horse battery staple\n' >"$PASS"
JOURNAL="$XDG_DATA_HOME/ladder/journal.ladder"
export LADDER_KDF=min

# new_journal: a journal created by `ladder init` with $PASS (min KDF)
new_journal() {
	rm -f "$JOURNAL" "$JOURNAL.bak"
	"$LADDER" init --kdf min --passphrase-file "$PASS" >/dev/null 2>&1
}

# press_until KEY TEXT [N]: presses KEY until the screen shows TEXT (at
# most N times, default 10); false if it never does
press_until() {
	n=${3:-10}
	while [ "$n" -gt 0 ]; do
		capture
		screen_has "$2" && return 0
		keys "$1"
		E2E_TIMEOUT=1 wait_for "$2" && return 0
		n=$((n - 1))
	done
	return 1
}

# wait_any TEXT1 TEXT2: polls until the screen shows either
screen_has_any() { screen_has "$1" || screen_has "$2"; }
wait_any() { wait_true screen_has_any "$1" "$2"; }

# export_json FILE: the journal exported to FILE (full)
export_json() {
	"$LADDER" export --passphrase-file "$PASS" >"$1" 2>"$WORK/export.err"
}

# py SCRIPT ARGS...: runs a Python check (the system one, which has json)
py() {
	p=/usr/bin/python3
	[ -x "$p" ] || p=python3
	"$p" "$@"
}

# colour_escapes: the last capture_escapes shows a colour (SGR 30-37,
# 38;5, 40-47, 48;5, 90-97)
colour_escapes() {
	printf '%s' "$SCREEN" | grep -q '\[38;5;\|\[48;5;\|\[3[0-7]m\|;3[0-7]m\|\[3[0-7];\|;3[0-7];\|\[4[0-7]m\|;4[0-7]m\|\[9[0-7]m'
}

# start_shell W H [VAR=VALUE...] -- ARGS...: like start, but the program
# runs under a shell that afterwards prints its exit status and the
# terminal's settings ("EXIT=n" and "TTY: ..."), to see them restored
start_shell() {
	w=$1 h=$2
	shift 2
	program_cmd "$@"
	{
		# the shell outlives a Ctrl-C meant for the program
		printf 'trap : INT\n'
		printf '%s 2>%s\n' "$cmd" "$(quote "$WORK/stderr")"
		printf 'echo "EXIT=$?"\n'
		printf 'echo "TTY: $(stty -a | tr " ;" "\\n\\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\\n" " ")"\n'
		printf 'exec sleep 60\n'
	} >"$WORK/run.sh"
	: >"$WORK/stderr"
	new_session "$w" "$h" "sh $(quote "$WORK/run.sh")"
}

# program_pid: the process id of the program started by start_shell or
# start (the child of the pane's shell, or the pane itself)
program_pid() {
	pp=$(tm display-message -p -t t '#{pane_pid}')
	child=$(pgrep -P "$pp" 2>/dev/null | head -n 1)
	if [ -n "$child" ]; then echo "$child"; else echo "$pp"; fi
}

# tty_restored: the last capture shows the terminal back in its usual
# mode (line editing and echo on)
tty_restored() {
	screen_has "TTY: icanon echo"
}
