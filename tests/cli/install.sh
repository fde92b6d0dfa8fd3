# meson install puts the program, the man pages, data/ and the shell
# completions under the prefix; the program finds its data from the build
# tree and from an installed copy.
. "$(dirname "$0")/lib.sh"
: "${BUILDDIR:?}"

DEST="$WORK/root"
run meson install -C "$BUILDDIR" --destdir "$DEST" --no-rebuild --quiet
expect_rc "meson install works" 0
prefix=$(meson introspect "$BUILDDIR" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$DEST$prefix"
# the files of the list below, and every page under man/ in the section
# its name ends in
man_pages=
for src in "$SRCDIR"/man/*.scd; do
	page=$(basename "$src" .scd)
	man_pages="$man_pages share/man/man${page##*.}/$page"
done
for f in bin/ladder share/ladder/questionnaires/cultural.json share/ladder/questionnaires/social-media.json \
	share/ladder/model.json share/ladder/schema/questionnaire.schema.json share/ladder/schema/result.schema.json \
	share/ladder/schema/answers.schema.json \
	share/man/man1/ladder.1 share/man/man1/ladder-present.1 share/man/man5/ladder-questionnaire.5 share/man/man5/ladder-journal.5 \
	share/man/man5/ladder-answers.5 share/man/man5/ladder-sealed.5 \
	share/man/man7/ladder-model.7 share/bash-completion/completions/ladder \
	share/zsh/vendor-completions/_ladder share/fish/vendor_completions.d/ladder.fish $man_pages; do
	if [ -f "$root/$f" ]; then ok "installed $f"; else not_ok "installed $f"; fi
done

# the installed data is complete enough to run on
run env LADDER_DATA_DIR="$root/share/ladder" "$root/bin/ladder" list
expect_out "the installed program lists the installed questionnaires" "social-media"

# from the build tree, without LADDER_DATA_DIR, it finds the source data
run env -u LADDER_DATA_DIR "$LADDER" list
expect_rc "the build-tree program runs without LADDER_DATA_DIR" 0
expect_out "and finds the built-in questionnaires" "cultural"

# every command of --help is known to the three shell completions
cmds=$("$LADDER" --help | sed -n 's/^  ladder \([a-z]*\).*/\1/p')
for c in $cmds; do
	for f in completions/ladder.bash completions/_ladder completions/ladder.fish; do
		if grep -q "\\b$c\\b" "$SRCDIR/$f"; then ok "$f knows $c"; else not_ok "$f knows $c"; fi
	done
done

# bash: the completion really completes
if [ -f /usr/share/bash-completion/bash_completion ]; then
	got=$(PATH="$(dirname "$LADDER"):$PATH" bash -c '
		. /usr/share/bash-completion/bash_completion
		. "$SRCDIR/completions/ladder.bash"
		COMP_WORDS=(ladder sh); COMP_CWORD=1; COMP_LINE="ladder sh"; COMP_POINT=9
		_ladder; echo "${COMPREPLY[*]}"
		COMP_WORDS=(ladder show cul); COMP_CWORD=2; COMP_LINE="ladder show cul"; COMP_POINT=15
		_ladder; echo "${COMPREPLY[*]}"')
	case "$got" in *show*cultural*) ok "bash completes commands and questionnaire ids" ;;
	*) out=$got; not_ok "bash completes commands and questionnaire ids" ;; esac
else
	not_ok "bash-completion is installed (apt-get install bash-completion)"
fi

finish
