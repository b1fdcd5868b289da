/*
 * utf8.c - validation and repair of UTF-8 (see utf8.h).
 *
 * The decoder follows the well-formed byte sequences of Unicode 15,
 * table 3-7: each lead byte narrows the range of the second byte, which rules
 * out overlong forms, surrogates and code points above U+10FFFF.
 */
#include "utf8.h"

/* Length of the valid sequence at s (1-4), or 0 when it is invalid. */
static size_t sequence_length(const unsigned char *s, size_t len)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t n, i;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

bool ec_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t n = sequence_length(p + i, len - i);
        if (!n)
            return false;
        i += n;
    }
    return true;
}

int ec_utf8_sanitize(ec_buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int err = 0;

    while (i < len && !err) {
        size_t n = sequence_length(p + i, len - i);

        if (n) {
            err = ec_buf_add(out, s + i, n);
            i += n;
        } else {
            err = ec_buf_add(out, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
    return err;
}
