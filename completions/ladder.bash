# bash completion for ladder(1)
_ladder_ids()
{
	ladder list 2>/dev/null | awk '{print $1}'
}

_ladder()
{
	local cur prev words cword
	_init_completion || return

	local commands="assess enter score history present room keygen export import forget init passwd list show validate help"
	local globals="-j --journal --questionnaires --passphrase-file --no-color --plain --wait --accept-older --lock-after -h --help -V --version"

	case $prev in
	-j | --journal | --passphrase-file | --answers | -o | --output | --save-tally | --deck | \
		--key | --to | \
		--new-passphrase-file | --recovery-code-file)
		_filedir
		return
		;;
	--questionnaires)
		_filedir -d
		return
		;;
	--kdf)
		COMPREPLY=($(compgen -W "min interactive moderate sensitive" -- "$cur"))
		return
		;;
	--questionnaire)
		COMPREPLY=($(compgen -W "$(_ladder_ids)" -- "$cur"))
		return
		;;
	--since | --wait | --lock-after | --min-group)
		return
		;;
	esac

	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-j | --journal | --questionnaires | --passphrase-file | --wait | --lock-after) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$globals" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi

	local opts=""
	case $cmd in
	assess) opts="--answers --set" ;;
	enter) opts="--set -o --output --text" ;;
	score) opts="--answers --text --set" ;;
	present) opts="--deck --minutes --print-deck --room --key --min-group --questionnaire --save-tally" ;;
	room) opts="--key --min-group --questionnaire --json" ;;
	keygen) opts="-o --output --kdf" ;;
	export) opts="--anonymous --to --since --questionnaire -o --output" ;;
	init) opts="--kdf" ;;
	passwd) opts="--new-passphrase-file --recovery-code-file --kdf" ;;
	show) opts="--json --text --set --page-lines --reflection" ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts $globals" -- "$cur"))
		return
	fi
	case $cmd in
	assess | enter | score | show | present)
		COMPREPLY=($(compgen -W "$(_ladder_ids)" -- "$cur"))
		_filedir '@(json|csv)'
		;;
	import | validate)
		_filedir json
		;;
	room)
		_filedir
		;;
	esac
} && complete -F _ladder ladder
