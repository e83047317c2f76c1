#!/bin/sh
# tests/screen-bench.sh: keystroke-to-screen cost of the reader (not run by
# make check). Usage: RESOLUTE=./resolute SAMPLES=doc/samples top_srcdir=. \
#   sh tests/screen-bench.sh [KEYS]
# Prints the wall time for KEYS (default 10000) alternating j/k presses in a
# 100x30 tmux, waiting until the reader has drawn the last one, and, with
# valgrind installed, callgrind instructions per key (1000 keys, minus a
# session without keys).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen-lib.sh"
N=${1:-10000}
GA="$SAMPLES/A-RES-58-178.txt"

# press N: N keys as j/k pairs (then the position is Top again), then a
# marker key whose effect shows when everything before it was handled.
JK="j j j j j j j j j j k k k k k k k k k k"
JK200="$JK $JK $JK $JK $JK $JK $JK $JK $JK $JK"
press() {
	_i=0
	while [ "$_i" -lt "$1" ]; do
		# shellcheck disable=SC2086
		if [ $(($1 - _i)) -ge 200 ]; then screen_keys $JK200; _i=$((_i + 200))
		else screen_keys $JK; _i=$((_i + 20)); fi
	done
	screen_keys ':'; screen_type 15; screen_keys Enter
	screen_wait 'op 15/15' 600
}

screen_start 100 30
screen_run "'$RESOLUTE' '$GA'"
screen_wait 'A/RES/58/178  Top' || { echo "reader did not start"; exit 1; }
t0=$(date +%s.%N)
press "$N"
t1=$(date +%s.%N)
# CPU time of the reader itself (utime + stime, in clock ticks)
cpu=$(sed 's/^.*) //' "/proc/$(screen_child_pid)/stat" | awk '{ print $12 + $13 }')
hz=$(getconf CLK_TCK)
screen_keys q
echo "wall: $N keys in $(echo "$t1 - $t0" | bc) s (includes tmux and capture polling)"
echo "cpu: $(echo "scale=3; $cpu / $hz" | bc) s of reader CPU for $N keys and start-up"

if command -v valgrind >/dev/null 2>&1; then
	for k in 0 1000; do
		screen_run "valgrind --tool=callgrind --callgrind-out-file='$TEST_TMP/cg.$k' '$RESOLUTE' '$GA' 2>/dev/null"
		screen_wait 'A/RES/58/178  Top' 60
		press "$k"
		screen_keys q
		screen_wait 'EXIT=' 60
		T send-keys -t "$SCREEN_SESSION" -l clear; screen_keys Enter
		screen_wait_gone 'EXIT='
	done
	a=$(sed -n 's/^totals: //p' "$TEST_TMP/cg.0")
	b=$(sed -n 's/^totals: //p' "$TEST_TMP/cg.1000")
	echo "callgrind: $(( (b - a) / 1000 )) instructions per key (1000 j/k keys, 100x30)"
fi
