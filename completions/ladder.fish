# fish completion for ladder(1)
function __ladder_ids
    ladder list 2>/dev/null | string replace -r '\s.*' ''
end

set -l commands assess enter score history present room keygen export import forget init passwd list show validate help
complete -c ladder -f
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a assess -d 'take a questionnaire'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a enter -d 'type in a filled-in paper sheet'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a score -d 'print the result of an answers file or CSV'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a history -d 'stages over time'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a present -d 'projector mode'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a room -d "the room's group profile"
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a keygen -d "a facilitator's key pair"
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a export -d 'write the journal as JSON'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a import -d 'merge an export'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a forget -d 'remove one session'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a init -d 'create the journal'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a passwd -d 'change the passphrase'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a list -d 'available questionnaires'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a show -d 'print a questionnaire'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a validate -d 'check questionnaire files'
complete -c ladder -n "not __fish_seen_subcommand_from $commands" -a help -d 'usage of a command'

complete -c ladder -s j -l journal -r -F -d 'the journal file'
complete -c ladder -l questionnaires -r -a '(__fish_complete_directories)' -d 'also load questionnaires from DIR'
complete -c ladder -l passphrase-file -r -F -d 'read the passphrase from FILE'
complete -c ladder -l no-color -d 'no colours'
complete -c ladder -l plain -d 'line-oriented, no full screen'
complete -c ladder -l lock-after -x -d 'lock the full screen after MINUTES idle'
complete -c ladder -l accept-older -d 'save over an older copy of the journal'
complete -c ladder -l wait -x -d 'wait SECONDS for another ladder'"'"'s lock'
complete -c ladder -s h -l help -d 'show the usage'
complete -c ladder -s V -l version -d 'show the version'

complete -c ladder -n '__fish_seen_subcommand_from assess enter score show present' -a '(__ladder_ids)'
complete -c ladder -n '__fish_seen_subcommand_from assess score' -l answers -r -F -d 'answers file'
complete -c ladder -n '__fish_seen_subcommand_from show' -l json -d 'normalised JSON'
complete -c ladder -n '__fish_seen_subcommand_from show' -l text -d 'printable paper sheet'
complete -c ladder -n '__fish_seen_subcommand_from show' -l page-lines -r -d 'lines a page of the sheet'
complete -c ladder -n '__fish_seen_subcommand_from show' -l reflection -d 'a last page for a reflection'
complete -c ladder -n '__fish_seen_subcommand_from enter' -s o -l output -r -F -d 'write an answers file'
complete -c ladder -n '__fish_seen_subcommand_from enter' -l text -d 'print the readable result'
complete -c ladder -n '__fish_seen_subcommand_from score' -l text -d 'the readable result'
complete -c ladder -n '__fish_seen_subcommand_from assess enter score show' -l set -r -d 'parallel set'
complete -c ladder -n '__fish_seen_subcommand_from present' -l room -r -F -d 'anonymous exports'
complete -c ladder -n '__fish_seen_subcommand_from present' -l save-tally -r -F -d 'write the tallies'
complete -c ladder -n '__fish_seen_subcommand_from present' -l deck -r -F -d 'a deck file'
complete -c ladder -n '__fish_seen_subcommand_from present' -l minutes -x -d "the session's length"
complete -c ladder -n '__fish_seen_subcommand_from present' -l print-deck -d 'write the deck in use'
complete -c ladder -n '__fish_seen_subcommand_from present room' -l key -r -F -d "the facilitator's key"
complete -c ladder -n '__fish_seen_subcommand_from present room' -l min-group -x -d 'smallest group shown'
complete -c ladder -n '__fish_seen_subcommand_from present room' -l questionnaire -r -a '(__ladder_ids)' -d "the questionnaire of CSV files"
complete -c ladder -n '__fish_seen_subcommand_from room' -l json -d 'as JSON'
complete -c ladder -n '__fish_seen_subcommand_from room' -F
complete -c ladder -n '__fish_seen_subcommand_from keygen' -s o -l output -r -F -d 'the secret key file'
complete -c ladder -n '__fish_seen_subcommand_from keygen' -l kdf -r -a 'min interactive moderate sensitive'
complete -c ladder -n '__fish_seen_subcommand_from export' -l to -r -F -d 'seal for this public key'
complete -c ladder -n '__fish_seen_subcommand_from export' -l anonymous -d 'for a facilitator'
complete -c ladder -n '__fish_seen_subcommand_from export' -l since -r -d 'from this date'
complete -c ladder -n '__fish_seen_subcommand_from export' -l questionnaire -r -a '(__ladder_ids)'
complete -c ladder -n '__fish_seen_subcommand_from export' -s o -l output -r -F -d 'write to FILE'
complete -c ladder -n '__fish_seen_subcommand_from import validate' -F
complete -c ladder -n '__fish_seen_subcommand_from init' -l kdf -r -a 'min interactive moderate sensitive'
complete -c ladder -n '__fish_seen_subcommand_from passwd' -l new-passphrase-file -r -F
complete -c ladder -n '__fish_seen_subcommand_from passwd' -l recovery-code-file -r -F
complete -c ladder -n '__fish_seen_subcommand_from passwd' -l kdf -r -a 'min interactive moderate sensitive'
complete -c ladder -n '__fish_seen_subcommand_from help' -a "$commands"
