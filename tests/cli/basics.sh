# The command line itself: help, version, usage errors, option placement.
. "$(dirname "$0")/lib.sh"

run "$LADDER" --help
expect_rc "--help exits 0" 0
for c in assess score history present export import init passwd list show validate; do
	expect_out "--help lists $c" "  ladder $c"
done
expect_out "--help names the exit statuses" "3 wrong passphrase"
expect_no_err "--help prints nothing on stderr"

run "$LADDER" -h
expect_rc "-h exits 0" 0

run "$LADDER" --version
expect_rc "--version exits 0" 0
expect_out "--version names the program and version" "ladder 0."
run "$LADDER" -V
expect_out "-V works too" "ladder 0."

run "$LADDER" frobnicate
expect_rc "an unknown command exits 2" 2
expect_err "and says which" "unknown command 'frobnicate'"
expect_err "with a hint" "see 'ladder --help'"
expect_err_lines "in one line" 1

run "$LADDER" --frobnicate list
expect_rc "an unknown global option exits 2" 2
expect_err "and names it" "unknown option '--frobnicate'"
expect_err_lines "in one line" 1

run "$LADDER" list --frobnicate
expect_rc "an unknown command option exits 2" 2
expect_err "and names it with the command's usage" "unknown option '--frobnicate' for 'list'"

run "$LADDER" show
expect_rc "a missing argument exits 2" 2
expect_err "and shows the usage" "usage: ladder show"

run "$LADDER" score tiny
expect_rc "score without --answers exits 2" 2

run "$LADDER" show tiny --json --text
expect_rc "--json with --text exits 2" 2

run "$LADDER" --journal
expect_rc "an option without its value exits 2" 2
expect_err "and says so" "needs a value"

# global options are accepted before and after the command
run "$LADDER" --questionnaires "$TESTDATA/questionnaires" list
expect_out "--questionnaires before the command" "tiny"
run "$LADDER" list --questionnaires "$TESTDATA/questionnaires" --no-color
expect_out "--questionnaires after the command" "tiny"
run "$LADDER" list --questionnaires="$TESTDATA/questionnaires"
expect_out "--option=value form" "tiny"
run "$LADDER" list -j /nonexistent/journal --plain
expect_rc "-j and --plain after the command" 0

run "$LADDER" help score
expect_rc "help COMMAND exits 0" 0
expect_out "and shows its usage" "Usage: ladder score ID|FILE --answers FILE"
run "$LADDER" export --help
expect_out "COMMAND --help too" "Usage: ladder export"

# the built-in questionnaires are listed with id, version and title
run "$LADDER" list
expect_rc "list exits 0" 0
expect_out "list shows cultural" "cultural"
expect_out "list shows social-media" "social-media"
expect_out "list shows titles" "Cultural competence"

# user questionnaires: $XDG_CONFIG_HOME/ladder/questionnaires; a broken one
# is reported by name and the others still load
mkdir -p "$XDG_CONFIG_HOME/ladder/questionnaires"
cp "$TESTDATA/questionnaires/tiny.json" "$XDG_CONFIG_HOME/ladder/questionnaires/"
printf '{"format": "ladder-questionnaire",\n "format_version": 1,,}\n' >"$XDG_CONFIG_HOME/ladder/questionnaires/broken.json"
run "$LADDER" list
expect_rc "a broken user file does not stop list" 0
expect_out "the good user questionnaire loads" "tiny"
expect_out "the built-ins still load" "social-media"
expect_err "the broken file is reported with line and column" "broken.json:2:22: expected a member name in double quotes"

# a second questionnaire with an id already loaded is reported and skipped
mkdir -p "$WORK/more"
cp "$TESTDATA/questionnaires/tiny.json" "$WORK/more/copy.json"
run "$LADDER" --questionnaires "$WORK/more" list
expect_err "a duplicate id is reported" "copy.json: a questionnaire with id \"tiny\" is already loaded"

run "$LADDER" --questionnaires "$WORK/nowhere" list
expect_err "a missing --questionnaires folder is reported" "nowhere: cannot read the folder"

finish
