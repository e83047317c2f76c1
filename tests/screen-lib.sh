# tests/screen-lib.sh: drive the real reader in a private, headless tmux.
# Source after tests/lib.sh. Every wait polls the screen (50 ms steps, up
# to SCREEN_TIMEOUT seconds): no test depends on the machine's speed.

if ! command -v tmux >/dev/null 2>&1; then
	echo "not ok 1 - tmux is required for the screen tests (apt-get install tmux)"
	echo "1..1"
	exit 1
fi

SCREEN_TIMEOUT=${SCREEN_TIMEOUT:-30}
SCREEN_N=0
SCREEN_SOCK="$TEST_TMP/tmux.0.sock"
SCREEN_SESSION=res
SCREEN_LAST=""

# The private server dies with the test, whatever happens.
trap 'for _s in "$TEST_TMP"/tmux.*.sock; do tmux -S "$_s" kill-server >/dev/null 2>&1; done; rm -rf "$TEST_TMP"' EXIT

T() { tmux -S "$SCREEN_SOCK" "$@"; }

# screen_start COLS ROWS: a fresh session running a plain sh with a fixed
# prompt, a fixed locale and TERM, and a private HOME.
screen_start() {
	# a new server on a new socket: no race with the previous one's exit
	T kill-server >/dev/null 2>&1
	SCREEN_N=$((SCREEN_N + 1))
	SCREEN_SOCK="$TEST_TMP/tmux.$SCREEN_N.sock"
	T -f /dev/null new-session -d -s "$SCREEN_SESSION" -x "$1" -y "$2" \
		env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		TERM=xterm-256color PS1='PROMPT$ ' RESOLUTE_SAMPLES="$SAMPLES" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" sh || return 1
	T set-option -g escape-time 0 >/dev/null
	T set-option -g status off >/dev/null
	T set-option -g set-clipboard on >/dev/null 2>&1
	screen_wait 'PROMPT\$' || return 1
}

# screen_run COMMAND...: type a command line into the shell. Afterwards the
# shell prints EXIT=<status> when the command ends.
screen_run() {
	T send-keys -t "$SCREEN_SESSION" -l "$* ; echo EXIT=\$?"
	T send-keys -t "$SCREEN_SESSION" Enter
}

# screen_keys KEY...: send tmux key names (j, Down, Escape, Enter, BTab ...).
screen_keys() { T send-keys -t "$SCREEN_SESSION" "$@"; }
# screen_type TEXT: send literal text.
screen_type() { T send-keys -t "$SCREEN_SESSION" -l "$1"; }

# screen_capture: the screen as text, into SCREEN_LAST (and stdout).
screen_capture() {
	SCREEN_LAST=$(T capture-pane -p -t "$SCREEN_SESSION" 2>/dev/null)
	printf '%s\n' "$SCREEN_LAST"
}

# screen_wait PATTERN [SECONDS]: wait until the screen matches the
# extended regex PATTERN. Leaves the last screen in SCREEN_LAST.
screen_wait() {
	_n=$(( ${2:-$SCREEN_TIMEOUT} * 20 ))
	while [ "$_n" -gt 0 ]; do
		screen_capture >/dev/null
		if printf '%s\n' "$SCREEN_LAST" | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# screen_wait_gone PATTERN [SECONDS]: wait until the screen no longer matches.
screen_wait_gone() {
	_n=$(( ${2:-$SCREEN_TIMEOUT} * 20 ))
	while [ "$_n" -gt 0 ]; do
		screen_capture >/dev/null
		if ! printf '%s\n' "$SCREEN_LAST" | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# screen_line N: line N (1-based) of the last capture.
screen_line() { printf '%s\n' "$SCREEN_LAST" | sed -n "${1}p"; }
# screen_status: the status line (last non-empty line) of the last capture.
screen_status() { printf '%s\n' "$SCREEN_LAST" | grep -v '^ *$' | tail -n 1; }

# check_wait PATTERN DESCRIPTION: a TAP result from screen_wait; shows
# the screen on failure.
check_wait() {
	if screen_wait "$1"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "screen does not match: $1"
		printf '%s\n' "$SCREEN_LAST" | sed 's/^/#   | /'
	fi
}

# check_gone PATTERN DESCRIPTION
check_gone() {
	if screen_wait_gone "$1"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "screen still matches: $1"
		printf '%s\n' "$SCREEN_LAST" | sed 's/^/#   | /'
	fi
}

# screen_child_pid: pid of the program the pane's shell runs now.
screen_child_pid() {
	_sh=$(T display-message -p -t "$SCREEN_SESSION" '#{pane_pid}')
	for _st in /proc/[0-9]*/stat; do
		# fields: pid (comm) state ppid ...
		_pp=$(sed 's/^.*) //' "$_st" 2>/dev/null | cut -d' ' -f2)
		if [ "$_pp" = "$_sh" ]; then
			_p=${_st#/proc/}
			echo "${_p%/stat}"
			return 0
		fi
	done
	return 1
}

# screen_wait_e PATTERN: like screen_wait, on the screen with its attributes
# as escape sequences (capture-pane -e); ESC is written as '~E~'.
screen_wait_e() {
	_n=$(( ${2:-$SCREEN_TIMEOUT} * 20 ))
	while [ "$_n" -gt 0 ]; do
		SCREEN_LAST=$(T capture-pane -e -p -t "$SCREEN_SESSION" 2>/dev/null | sed 's/\x1b/~E~/g')
		if printf '%s\n' "$SCREEN_LAST" | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}
