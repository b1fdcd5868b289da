/*
 * manifest_proto.c - Protocol Buffers files: the gRPC services they declare
 * and their methods, as APIs of the repository.
 *
 * A small scanner, not a full parser: comments and string literals are
 * skipped, then `package a.b;`, `service Name {` and, inside a service,
 * `rpc Method (` are recognised. That is all an architecture needs from a
 * .proto; messages and options are left alone.
 */
#include <ctype.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"

typedef struct {
    const char *p, *end;
    unsigned line;
} scanner;

static void skip_space(scanner *s)
{
    while (s->p < s->end) {
        if (*s->p == '\n') {
            s->line++;
            s->p++;
        } else if (isspace((unsigned char)*s->p)) {
            s->p++;
        } else if (s->end - s->p >= 2 && s->p[0] == '/' && s->p[1] == '/') {
            while (s->p < s->end && *s->p != '\n')
                s->p++;
        } else if (s->end - s->p >= 2 && s->p[0] == '/' && s->p[1] == '*') {
            for (s->p += 2;
                 s->p < s->end && !(s->p[0] == '*' && s->p + 1 < s->end && s->p[1] == '/'); s->p++)
                s->line += *s->p == '\n';
            s->p = s->p < s->end ? s->p + 2 : s->end;
        } else {
            return;
        }
    }
}

/* The next token: a name (letters, digits, '_', '.'), a string literal
 * (skipped whole, returned as '"'), or one punctuation character. */
static bool next(scanner *s, ec_buf *tok, unsigned *line)
{
    skip_space(s);
    ec_buf_reset(tok);
    if (s->p >= s->end)
        return false;
    *line = s->line;
    if (*s->p == '"' || *s->p == '\'') {
        char q = *s->p++;

        while (s->p < s->end && *s->p != q && *s->p != '\n')
            s->p += *s->p == '\\' && s->p + 1 < s->end ? 2 : 1;
        s->p = s->p < s->end ? s->p + 1 : s->end;
        ec_buf_putc(tok, '"');
        return true;
    }
    if (isalnum((unsigned char)*s->p) || *s->p == '_' || *s->p == '.') {
        while (s->p < s->end && (isalnum((unsigned char)*s->p) || *s->p == '_' || *s->p == '.'))
            ec_buf_putc(tok, *s->p++);
        return true;
    }
    ec_buf_putc(tok, *s->p++);
    return true;
}

void ec_read_proto(ec_manifest *m)
{
    scanner s = {m->text, m->text + m->len, 1};
    ec_buf tok = EC_BUF_INIT, package = EC_BUF_INIT, path = EC_BUF_INIT;
    ec_api_fact *api = NULL;
    unsigned line, depth = 0, service_depth = 0;
    bool want_package = false, want_service = false, want_rpc = false;

    while (next(&s, &tok, &line)) {
        if (want_package) {
            ec_buf_puts(&package, tok.ptr);
            want_package = false;
        } else if (want_service) {
            ec_api_fact a = {m->path, NULL, "grpc", EC_ARRAY_INIT, EC_ARRAY_INIT};

            ec_buf_reset(&path);
            if (package.len)
                ec_buf_printf(&path, "%s.", package.ptr);
            ec_buf_puts(&path, tok.ptr);
            a.title = ec_arena_strdup(&m->facts->arena, path.ptr);
            ec_array_push(&m->facts->apis, a);
            api = &m->facts->apis.items[m->facts->apis.len - 1];
            service_depth = depth + 1;
            want_service = false;
        } else if (want_rpc && api) {
            ec_api_operation op = {"RPC", NULL, line};

            ec_buf_reset(&path);
            ec_buf_printf(&path, "/%s/%s", api->title, tok.ptr);
            op.path = ec_arena_strdup(&m->facts->arena, path.ptr);
            ec_array_push(&api->operations, op);
            want_rpc = false;
        } else if (tok.ptr[0] == '{') {
            depth++;
        } else if (tok.ptr[0] == '}') {
            if (depth && depth-- == service_depth)
                api = NULL;
        } else if (depth == 0 && strcmp(tok.ptr, "package") == 0) {
            want_package = true;
        } else if (depth == 0 && strcmp(tok.ptr, "service") == 0) {
            want_service = true;
        } else if (api && depth == service_depth && strcmp(tok.ptr, "rpc") == 0) {
            want_rpc = true;
        }
    }
    if (depth)
        ec_manifest_error(m, s.line, "a '{' is not closed");
    ec_buf_release(&tok);
    ec_buf_release(&package);
    ec_buf_release(&path);
}
