#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TIME_RFC3339_LEN 21 /* "2026-11-26T10:40:38Z" + NUL */
#define TIME_DATE_LEN 11    /* "2026-11-26" + NUL */
#define UUID_STR_LEN 37     /* 36 + NUL */

/* Seconds since the epoch, UTC. $LADDER_NOW (RFC 3339) overrides the clock,
 * for tests of time order and dates. */
int64_t time_now(void);
void time_format_rfc3339(int64_t t, char out[TIME_RFC3339_LEN]);
void time_format_date(int64_t t, char out[TIME_DATE_LEN]);
/* RFC 3339 ("2026-11-26T10:40:38Z", fractions and +hh:mm offsets allowed)
 * or a date alone ("2026-11-26", midnight UTC). False when malformed, or
 * outside 1970-01-01T00:00:00Z..9999-12-31T23:59:59Z once the offset is
 * applied (what time_format_rfc3339 writes must read back). */
bool time_parse(const char *s, int64_t *out);
/* A random (version 4) UUID, lower case. */
void uuid_generate(char out[UUID_STR_LEN]);
bool uuid_valid(const char *s);
