# tests/lib.sh: TAP helpers for shell tests. Source it, call plan/ok/..., then done_testing.
# Every test runs with a private HOME and fixed locale so nothing leaks in.
set -u
LC_ALL=C.UTF-8; LANG=C.UTF-8; export LC_ALL LANG
unset NO_COLOR XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME VISUAL EDITOR
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/resolute-test.XXXXXX")
HOME="$TEST_TMP/home"; mkdir -p "$HOME"; export HOME
trap 'rm -rf "$TEST_TMP"' EXIT
_tap_n=0
_tap_fail=0
# ok COND-EXIT-STATUS DESCRIPTION: report one test from the status of the last command.
ok() { _tap_n=$((_tap_n + 1)); if [ "$1" -eq 0 ]; then echo "ok $_tap_n - $2"; else echo "not ok $_tap_n - $2"; _tap_fail=$((_tap_fail + 1)); fi; }
# is GOT EXPECTED DESCRIPTION
is() { if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3"; printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"; fi; }
# like TEXT PATTERN DESCRIPTION (grep -E pattern)
like() { if printf '%s\n' "$1" | grep -Eq -- "$2"; then ok 0 "$3"; else ok 1 "$3"; printf '#   text: %s\n#   does not match: %s\n' "$1" "$2"; fi; }
diag() { printf '# %s\n' "$*"; }
done_testing() { echo "1..$_tap_n"; [ "$_tap_fail" -eq 0 ]; }
