#include "ladder/timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

int64_t
time_now(void)
{
	const char *fake = getenv("LADDER_NOW");
	int64_t t;
	if (fake != NULL && fake[0] != '\0' && time_parse(fake, &t)) {
		return t;
	}
	return (int64_t)time(NULL);
}

void
time_format_rfc3339(int64_t t, char out[TIME_RFC3339_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm) == NULL ||
		strftime(out, TIME_RFC3339_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		snprintf(out, TIME_RFC3339_LEN, "1970-01-01T00:00:00Z");
	}
}

void
time_format_date(int64_t t, char out[TIME_DATE_LEN])
{
	/* the part before the T, as "%Y-%m-%d" would write it: a date is ten
	 * bytes shorter in a buffer ten bytes smaller, so the two forms fit
	 * (or fall back to 1970-01-01) for the same times */
	char full[TIME_RFC3339_LEN];
	time_format_rfc3339(t, full);
	snprintf(out, TIME_DATE_LEN, "%.*s", (int)strcspn(full, "T"), full);
}

static bool
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i])) {
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
time_parse(const char *s, int64_t *out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, mo, d, h = 0, mi = 0, se = 0;
	if (strlen(s) < 10 || !digits(s, 4, &y) || s[4] != '-' ||
		!digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d)) {
		return false;
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
		d > mdays[mo - 1] + (mo == 2 && leap(y))) {
		return false;
	}
	const char *p = s + 10;
	long offset = 0;
	if (*p != '\0') {
		if ((*p != 'T' && *p != 't' && *p != ' ') || !digits(p + 1, 2, &h) ||
			p[3] != ':' || !digits(p + 4, 2, &mi) || p[6] != ':' ||
			!digits(p + 7, 2, &se)) {
			return false;
		}
		if (h > 23 || mi > 59 || se > 60) {
			return false;
		}
		p += 9;
		if (*p == '.') {
			p++;
			if (!isdigit((unsigned char)*p)) {
				return false;
			}
			while (isdigit((unsigned char)*p)) {
				p++;
			}
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om;
			if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) ||
				oh > 23 || om > 59) {
				return false;
			}
			offset = (oh * 3600L + om * 60L) * (*p == '+' ? 1 : -1);
			p += 6;
		} else {
			return false;
		}
		if (*p != '\0') {
			return false;
		}
	}
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se > 59 ? 59 : se;
	int64_t t = (int64_t)timegm(&tm) - offset;
	/* an offset can carry the time out of the years this reads and
	 * time_format_rfc3339 writes: what is stored must read back */
	if (t < 0 || t > INT64_C(253402300799)) { /* 9999-12-31T23:59:59Z */
		return false;
	}
	*out = t;
	return true;
}

void
uuid_generate(char out[UUID_STR_LEN])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
	snprintf(out, UUID_STR_LEN,
		"%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
		b[11], b[12], b[13], b[14], b[15]);
}

bool
uuid_valid(const char *s)
{
	if (strlen(s) != 36) {
		return false;
	}
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-') {
				return false;
			}
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}
