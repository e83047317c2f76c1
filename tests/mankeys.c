/* mankeys.c: print the man page's key list from the action table, so the
 * man page, the ? help and the bindings come from one table (tests/man.test
 * compares; `make update-man` rewrites doc/resolute.1). */
#include "config.h"

#include <stdio.h>

#include "action.h"

int main(void)
{
	struct action_keymap km;

	action_keymap_init(&km);
	action_write_man(stdout, &km);
	action_keymap_free(&km);
	return ferror(stdout) ? 1 : 0;
}
