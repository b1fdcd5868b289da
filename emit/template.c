/*
 * template.c - {{field}} substitution (see template.h).
 */
#include "emit/template.h"

#include <string.h>

#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"

#define TEMPLATE_CAP (1024 * 1024)

int ec_template_load(ec_buf *out, const char *templates_dir, const char *name)
{
    ec_buf path = EC_BUF_INIT;
    size_t cap = out->cap;
    int err;

    ec_path_join(&path, templates_dir, name);
    out->cap = TEMPLATE_CAP;
    err = ec_fs_read_file(out, path.ptr);
    out->cap = cap;
    if (err)
        err = ec_error_set(EC_EINPUT, "cannot read template '%s'", path.ptr);
    ec_buf_release(&path);
    return err;
}

static unsigned line_of(const char *text, const char *at)
{
    unsigned line = 1;

    for (; text < at; text++)
        if (*text == '\n')
            line++;
    return line;
}

static const char *lookup(const ec_template_field *fields, size_t count, const char *name,
                          size_t len)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (strlen(fields[i].name) == len && strncmp(fields[i].name, name, len) == 0)
            return fields[i].value;
    return NULL;
}

int ec_template_render(ec_buf *out, const char *label, const char *text,
                       const ec_template_field *fields, size_t count)
{
    const char *p = text;

    for (;;) {
        const char *open = strstr(p, "{{"), *close, *value;

        if (!open)
            return ec_buf_puts(out, p);
        ec_buf_add(out, p, (size_t)(open - p));
        close = strstr(open + 2, "}}");
        if (!close || memchr(open + 2, '\n', (size_t)(close - open - 2)))
            return ec_error_set(EC_EINPUT, "%s:%u: '{{' without '}}'", label, line_of(text, open));
        value = lookup(fields, count, open + 2, (size_t)(close - open - 2));
        if (!value)
            return ec_error_set(EC_EINPUT, "%s:%u: unknown field '%.*s'", label,
                                line_of(text, open), (int)(close - open - 2), open + 2);
        ec_buf_puts(out, value);
        p = close + 2;
    }
}
