#!/bin/sh
# The command-line and end-to-end tests with every run of the program under
# valgrind's memcheck:
#   tests/valgrind.sh BUILDDIR [cli|e2e]...   (default: cli e2e)
# Each run of ladder writes its own log; the script fails when a test fails
# or when any log reports an error or a definite leak. The e2e tests get
# more time (E2E_TIMEOUT, default here 120 s): the program is ~20x slower.
set -u
build=$(cd "${1:?usage: tests/valgrind.sh BUILDDIR [cli|e2e]...}" && pwd) || exit 2
shift
src=$(cd "$(dirname "$0")/.." && pwd)
suites=${*:-cli e2e}
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }
logs=$(mktemp -d "${TMPDIR:-/tmp}/ladder-valgrind.XXXXXX")
cat >"$logs/ladder" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite --errors-for-leak-kinds=definite \
	--log-file="$logs/vg.%p.log" "$build/ladder" "\$@"
EOF
chmod +x "$logs/ladder"
export LADDER="$logs/ladder" LADDER_DATA_DIR="$src/data" SRCDIR="$src" \
	TESTDATA="$src/tests/data" NO_COLOR= LC_ALL=C.UTF-8 BUILDDIR="$build" \
	E2E_TIMEOUT="${E2E_TIMEOUT:-120}"
failed=0
for suite in $suites; do
	for t in "$src/tests/$suite"/*.sh; do
		case ${t##*/} in lib.sh | *_lib.sh) continue ;; esac
		out="$logs/$suite-${t##*/}.out"
		if sh "$t" >"$out" 2>&1; then
			echo "ok - $suite/${t##*/} ($(grep -c '^ok' "$out") checks)"
		else
			echo "not ok - $suite/${t##*/}: $(grep -c '^not ok' "$out") checks failed (see $out)"
			failed=$((failed + 1))
		fi
	done
done
runs=0
bad=0
for f in "$logs"/vg.*.log; do
	[ -e "$f" ] || continue
	runs=$((runs + 1))
	if [ -s "$f" ]; then
		bad=$((bad + 1))
		echo "--- $f"
		head -n 60 "$f"
	fi
done
echo "$runs runs of ladder under valgrind, $bad with errors or definite leaks; $failed test scripts failed (logs in $logs)"
[ "$bad" -eq 0 ] && [ "$failed" -eq 0 ]
