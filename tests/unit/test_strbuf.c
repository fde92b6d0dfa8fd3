/* The string buffer, and its wiped kind that the screens' documents use
 * for answers and reflections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ladder/util.h"

static void
test_grow_and_clear(void **state)
{
	(void)state;
	for (int wiped = 0; wiped <= 1; wiped++) {
		struct strbuf sb;
		if (wiped) {
			strbuf_init_wiped(&sb);
		} else {
			strbuf_init(&sb);
		}
		char line[64];
		for (int i = 0; i < 500; i++) { /* grows several times */
			snprintf(line, sizeof(line), "line %d; ", i);
			strbuf_puts(&sb, line);
		}
		assert_false(sb.failed);
		assert_int_equal(sb.wipe, wiped);
		assert_non_null(strstr(sb.data, "line 0; line 1; "));
		assert_non_null(strstr(sb.data, "line 499; "));
		size_t len = sb.len;
		strbuf_clear(&sb);
		assert_int_equal(sb.len, 0);
		assert_string_equal(sb.data, "");
		if (wiped) {
			/* what it held is gone from its memory, not only cut off */
			for (size_t i = 0; i < len; i++) {
				assert_int_equal(sb.data[i], 0);
			}
		}
		strbuf_puts(&sb, "again");
		assert_string_equal(sb.data, "again");
		strbuf_finish(&sb);
		assert_null(sb.data);
		assert_int_equal(sb.wipe, wiped); /* still its kind after finishing */
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_and_clear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
