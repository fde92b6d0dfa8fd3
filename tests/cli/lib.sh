# Shared helpers for the command-line tests: run the real binary, compare
# exit status, stdout and stderr, count and report.
# Each test file sources this, calls `run` and `expect_*`, and ends with
# `finish`.
set -u
: "${LADDER:?LADDER must name the built binary}"
: "${TESTDATA:?}"
: "${SRCDIR:?}"

passed=0
failed=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ladder-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
unset LADDER_JOURNAL
mkdir -p "$HOME"

# run CMD...: runs it, keeping status in $rc, output in $out and $err
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
}

ok() { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
not_ok() {
	failed=$((failed + 1))
	printf 'not ok - %s\n' "$1"
	printf '  status %s\n  stdout: %s\n  stderr: %s\n' "$rc" \
		"$(printf '%s' "$out" | head -c 2000)" "$(printf '%s' "$err" | head -c 2000)"
}

# expect_rc NAME STATUS
expect_rc() { if [ "$rc" -eq "$2" ]; then ok "$1"; else not_ok "$1 (expected status $2)"; fi; }
# expect_out NAME TEXT: stdout contains TEXT
expect_out() {
	case "$out" in *"$2"*) ok "$1" ;; *) not_ok "$1 (stdout lacks: $2)" ;; esac
}
expect_err() {
	case "$err" in *"$2"*) ok "$1" ;; *) not_ok "$1 (stderr lacks: $2)" ;; esac
}
expect_no_out() { if [ -z "$out" ]; then ok "$1"; else not_ok "$1 (stdout not empty)"; fi; }
expect_no_err() { if [ -z "$err" ]; then ok "$1"; else not_ok "$1 (stderr not empty)"; fi; }
# expect_lines NAME N: stderr has exactly N lines
expect_err_lines() {
	n=$(printf '%s\n' "$err" | grep -c .)
	if [ "$n" -eq "$2" ]; then ok "$1"; else not_ok "$1 (expected $2 lines on stderr, got $n)"; fi
}

finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
