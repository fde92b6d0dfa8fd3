# `ladder help [PAGE]`: the man pages from the build tree through man -l
# (so they can be read before installing), a command's usage, an unknown
# page refused; without man, it says where the page is.
. "$(dirname "$0")/lib.sh"
: "${BUILDDIR:?}"

# a stand-in man that records its arguments
mkdir -p "$WORK/bin"
cat >"$WORK/bin/man" <<'EOS'
#!/bin/sh
echo "man $*" >>"$WORK/man.log"
EOS
chmod +x "$WORK/bin/man"
export WORK

if [ ! -f "$BUILDDIR/man/ladder.1" ]; then
	# built without scdoc: it says so, and where the source is
	run env PATH="$WORK/bin:$PATH" "$LADDER" help journal
	expect_rc "no pages built: status 1" 1
	expect_err "... says they were not built, and the source" "man/ladder-journal.5.scd"
	finish
	exit $?
fi

# every page under man/ by its own name, besides the short names
built_pages=
for src in "$SRCDIR"/man/*.scd; do
	file=$(basename "$src" .scd)
	built_pages="$built_pages ${file%.*}:$file"
done
for page in "ladder:ladder.1" "questionnaire:ladder-questionnaire.5" \
	"journal:ladder-journal.5" "model:ladder-model.7" "ladder-model:ladder-model.7" \
	"sealed:ladder-sealed.5" "present:ladder-present.1" "answers:ladder-answers.5" \
	$built_pages; do
	name=${page%%:*}
	file=${page#*:}
	: >"$WORK/man.log"
	run env PATH="$WORK/bin:$PATH" "$LADDER" help "$name"
	got=$(cat "$WORK/man.log")
	if [ "$rc" = 0 ] && [ "$got" = "man -l $BUILDDIR/man/$file" ]; then
		ok "help $name: man -l on the page built in the build tree"
	else
		out=$got
		not_ok "help $name: man -l on the page built in the build tree"
	fi
done
: >"$WORK/man.log"
run env PATH="$WORK/bin:$PATH" "$LADDER" help
expect_rc "help alone: status 0" 0
expect_true_log() { got=$(cat "$WORK/man.log"); [ "$got" = "$1" ]; }
if expect_true_log "man -l $BUILDDIR/man/ladder.1"; then ok "help alone opens ladder(1)"
else not_ok "help alone opens ladder(1)"; fi

# the real man, when it is installed, shows the page
if command -v man >/dev/null 2>&1 && [ -f "$BUILDDIR/man/ladder.1" ]; then
	run env MANPAGER=cat MANWIDTH=80 "$LADDER" help model
	expect_rc "man shows ladder-model(7): status 0" 0
	expect_out "... its text" "the conscious competence ladder"
	run env MANPAGER=cat MANWIDTH=80 "$LADDER" help answers
	expect_rc "man shows ladder-answers(5): status 0" 0
	expect_out "... its text" "CSV OF ANSWERS"
else
	echo "(man or the built pages are missing: the real man not tried)"
fi

# a command's usage as before
run "$LADDER" help passwd
expect_rc "help COMMAND: status 0" 0
expect_out "help COMMAND: its usage" "Usage: ladder passwd"

run "$LADDER" help nonsense
expect_rc "an unknown page: status 2" 2
expect_err "... names the pages there are" "pages: ladder, questionnaire, journal, model, sealed"
expect_err "... the answers page among them" ", answers)"

# every page under man/ is named in the list of pages and in --help
names_topic() { # TEXT TOPIC NAME: TEXT names TOPIC as a word of a list
	case "$1" in
	*" $2,"* | *" $2)"* | *" $2 "*) ok "$3" ;;
	*) out=$1; not_ok "$3" ;;
	esac
}
listed=$err
manual=$("$LADDER" --help | sed -n '/^The manual:/,$p' | tr '\n' ' ')
for src in "$SRCDIR"/man/*.scd; do
	page=$(basename "$src" .scd)
	topic=${page%.*}
	topic=${topic#ladder-}
	names_topic "$listed" "$topic" "the list of pages names $topic"
	names_topic "$manual" "$topic" "--help names the page $topic"
done

# no man at all: where the page is
mkdir -p "$WORK/empty"
run env PATH="$WORK/empty" "$LADDER" help journal
expect_rc "without man: status 1" 1
expect_err "... says where the page is" "$BUILDDIR/man/ladder-journal.5"

run "$LADDER" --help
expect_out "--help tells how to read the manual" "ladder help [PAGE]"
finish
