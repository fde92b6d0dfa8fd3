# Shared by the vault shell tests: $VAULT_TOOL is tests/vault_tool.
set -u
T=${VAULT_TOOL:?VAULT_TOOL is not set}
d=$(mktemp -d "${TMPDIR:-/tmp}/ladder-vault-sh.XXXXXX") || exit 1
cleanup() {
	for p in ${bg_pids:-}; do
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$d"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
bg_pids=

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect STATUS COMMAND...: runs the command, checks its exit status
expect() {
	want=$1
	shift
	"$@" 2>"$d/stderr"
	got=$?
	if [ "$got" -ne "$want" ]; then
		cat "$d/stderr" >&2
		fail "exit $got, expected $want: $*"
	fi
}

# milliseconds since the epoch
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# a random number in 0..$1-1
rand() {
	echo $(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1))
}

# wait_for FILE: up to 5 s
wait_for() {
	i=0
	while [ ! -e "$1" ]; do
		i=$((i + 1))
		[ $i -gt 500 ] && fail "timed out waiting for $1"
		sleep 0.01
	done
}
