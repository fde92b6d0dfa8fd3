# The README's first command, run as written (with apt-get, sudo, id,
# meson and the program replaced by stand-ins that record their calls):
# as root on a fresh Debian 12 (no sudo installed, empty package lists)
# it updates the package lists before installing and never calls sudo;
# as a user it goes through sudo for both apt-get calls, and then builds.
. "$(dirname "$0")/lib.sh"

line=$(sed -n '/^```sh$/{n;p;q}' "$SRCDIR/README.md")
case "$line" in *apt-get*) ok "the README starts with a command line" ;;
*) out=$line; not_ok "the README starts with a command line" ;; esac

# fake_bin DIR UID [sudo]: stand-ins in DIR; apt-get install fails until
# apt-get update has run (empty package lists), and fails when not root
fake_bin() {
	d=$1
	mkdir -p "$d"
	cat >"$d/id" <<EOS
#!/bin/sh
[ "\$1" = -u ] && { echo "\${FAKE_UID:-$2}"; exit 0; }
exit 1
EOS
	cat >"$d/apt-get" <<'EOS'
#!/bin/sh
echo "apt-get $1 uid=${FAKE_UID}" >>"$LOG"
[ "$FAKE_UID" = 0 ] || { echo "E: permission denied" >&2; exit 100; }
case "$1" in
update) : >"$LISTS"; exit 0 ;;
install) [ -f "$LISTS" ] || { echo "E: Unable to locate package build-essential" >&2; exit 100; } ;;
esac
exit 0
EOS
	cat >"$d/meson" <<'EOS'
#!/bin/sh
echo "meson $1" >>"$LOG"
[ "$1" = setup ] && mkdir -p build && printf '#!/bin/sh\necho "ladder ran" >>"$LOG"\n' >build/ladder && chmod +x build/ladder
exit 0
EOS
	if [ "${3:-}" = sudo ]; then
		cat >"$d/sudo" <<'EOS'
#!/bin/sh
echo "sudo $1" >>"$LOG"
FAKE_UID=0 exec "$@"
EOS
	fi
	chmod +x "$d"/*
}

# run_readme NAME UID [sudo]: the line in a fresh folder; the calls in $log
run_readme() {
	dir="$WORK/$1"
	mkdir -p "$dir/src"
	fake_bin "$dir/bin" "$2" "${3:-}"
	export LOG="$dir/log" LISTS="$dir/lists"
	: >"$LOG"
	# PATH: the stand-ins, then only what a shell needs (no real sudo)
	(cd "$dir/src" && env -u S FAKE_UID="$2" PATH="$dir/bin:/usr/bin:/bin" \
		sh -c "$line") >"$WORK/out" 2>"$WORK/err"
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
	log=$(cat "$LOG")
}

# no sudo anywhere the root run looks: a real one would hide the point
if [ -x /usr/bin/sudo ] || [ -x /bin/sudo ]; then
	echo "(a real sudo is installed; the root run checks sudo is not called)"
fi

run_readme root 0
expect_rc "as root without sudo: the command succeeds" 0
exp="apt-get update uid=0
apt-get install uid=0
meson setup
meson compile
ladder ran"
if [ "$log" = "$exp" ]; then ok "as root: update, install, build, start; no sudo"
else out=$log; not_ok "as root: update, install, build, start; no sudo"; fi

run_readme user 1000 sudo
expect_rc "as a user with sudo: the command succeeds" 0
exp="sudo apt-get
apt-get update uid=0
sudo apt-get
apt-get install uid=0
meson setup
meson compile
ladder ran"
if [ "$log" = "$exp" ]; then ok "as a user: both apt-get calls through sudo, then the build"
else out=$log; not_ok "as a user: both apt-get calls through sudo, then the build"; fi

# the second command of the README is the test suite
second=$(sed -n '/^```sh$/{n;p}' "$SRCDIR/README.md" | sed -n 2p)
case "$second" in "meson test -C build"*) ok "the second command runs the tests" ;;
*) out=$second; not_ok "the second command runs the tests" ;; esac

finish
