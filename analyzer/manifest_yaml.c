/*
 * manifest_yaml.c - YAML documents for the manifest readers (see
 * manifest_yaml.h).
 *
 * The depth check is a scan of the flow and block structure before the
 * parser sees the text: libfyaml builds documents recursively, so a hostile
 * file must be stopped before it is built, not while walking it.
 */
#include "analyzer/manifest_yaml.h"

#include <string.h>

#include "util/utf8.h"

/* Block nesting of one line: its indentation against the stack of open
 * indentations, plus the "- " entries that open sequences on the line. */
static unsigned block_depth(const char *line, const char *end, int *stack, unsigned *n)
{
    int indent = 0;
    unsigned dashes = 0;
    const char *p = line;

    while (p < end && *p == ' ')
        p++, indent++;
    if (p == end || *p == '#')
        return *n;
    while (*n && stack[*n - 1] > indent)
        (*n)--;
    if ((!*n || stack[*n - 1] < indent) && *n <= EC_YAML_MAX_DEPTH)
        stack[(*n)++] = indent;
    while (p + 1 < end && p[0] == '-' && p[1] == ' ') {
        dashes++;
        p += 2;
        while (p < end && *p == ' ')
            p++;
    }
    return *n + dashes;
}

/* An upper bound on the nesting of the document: open indentation levels
 * plus open flow brackets outside quotes. */
static unsigned nesting(const char *text, size_t len)
{
    int stack[EC_YAML_MAX_DEPTH + 1];
    unsigned n = 0, flow = 0, deepest = 0;
    const char *p = text, *end = text + len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        char quote = 0;
        unsigned depth;

        if (!eol)
            eol = end;
        depth = flow ? n : block_depth(p, eol, stack, &n);
        for (; p < eol; p++) {
            if (quote) {
                quote = *p == quote ? 0 : quote;
            } else if (*p == '"' || (*p == '\'' && flow)) {
                quote = *p;
            } else if (*p == '#' && (p == text || p[-1] == ' ')) {
                break;
            } else if (*p == '[' || *p == '{') {
                flow++;
            } else if ((*p == ']' || *p == '}') && flow) {
                flow--;
            }
            if (depth + flow > deepest)
                deepest = depth + flow;
        }
        if (depth > deepest)
            deepest = depth;
        p = eol < end ? eol + 1 : end;
    }
    return deepest;
}

/* The first line that is not UTF-8, 0 when all are. YAML is Unicode text,
 * and the parser is not to be trusted with anything else. */
static unsigned invalid_line(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    unsigned line = 1;

    if (ec_utf8_valid(text, len))
        return 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));

        if (!eol)
            eol = end;
        if (!ec_utf8_valid(p, (size_t)(eol - p)))
            return line;
        p = eol < end ? eol + 1 : end;
        line++;
    }
    return line;
}

static const char *first_error(struct fy_diag *diag, int *line)
{
    void *it = NULL;
    struct fy_diag_error *e;

    while ((e = fy_diag_errors_iterate(diag, &it)) != NULL) {
        *line = e->line;
        return e->msg;
    }
    *line = -1;
    return "malformed YAML";
}

bool ec_yaml_each_document(ec_manifest *m, ec_yaml_document_fn fn, void *ctx)
{
    struct fy_diag_cfg dcfg;
    struct fy_diag *diag;
    struct fy_parse_cfg cfg;
    struct fy_parser *fyp;
    struct fy_document *fyd;
    bool ok = true;
    unsigned bad = invalid_line(m->text, m->len);

    if (bad) {
        ec_manifest_error(m, bad, "not UTF-8 text: not read");
        return false;
    }
    if (nesting(m->text, m->len) > EC_YAML_MAX_DEPTH) {
        ec_manifest_error(m, 0, "nested deeper than %d levels: not read", EC_YAML_MAX_DEPTH);
        return false;
    }
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = NULL;
    diag = fy_diag_create(&dcfg);
    if (diag)
        fy_diag_set_collect_errors(diag, true); /* kept for us, never printed */
    memset(&cfg, 0, sizeof(cfg));
    cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_MMAP_OPT;
    cfg.diag = diag;
    fyp = fy_parser_create(&cfg);
    if (!fyp || fy_parser_set_string(fyp, m->text, m->len) != 0) {
        ec_manifest_error(m, 0, "cannot start the YAML parser");
        ok = false;
    }
    while (ok && (fyd = fy_parse_load_document(fyp)) != NULL) {
        struct fy_node *root = fy_document_root(fyd);

        if (root)
            fn(m, root, ctx);
        fy_parse_document_destroy(fyp, fyd);
    }
    if (ok && diag && fy_diag_got_error(diag)) {
        int line;
        const char *msg = first_error(diag, &line);

        ec_manifest_error(m, line > 0 ? (unsigned)line : 0, "%s", msg); /* 1-based */
        ok = false;
    }
    fy_parser_destroy(fyp);
    fy_diag_destroy(diag);
    return ok;
}

struct fy_node *ec_yaml_get(struct fy_node *map, const char *key)
{
    if (!map || fy_node_get_type(map) != FYNT_MAPPING)
        return NULL;
    return fy_node_mapping_lookup_by_string(map, key, FY_NT);
}

const char *ec_yaml_scalar(struct fy_node *node)
{
    if (!node || fy_node_get_type(node) != FYNT_SCALAR || fy_node_is_alias(node))
        return NULL;
    return fy_node_get_scalar0(node);
}

const char *ec_yaml_text(struct fy_node *map, const char *key)
{
    return ec_yaml_scalar(ec_yaml_get(map, key));
}

unsigned ec_yaml_line(struct fy_node *node)
{
    struct fy_token *t;
    const struct fy_mark *mark;
    void *it = NULL;
    struct fy_node_pair *pair;
    struct fy_node *item;

    if (!node)
        return 0;
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR:
        t = fy_node_get_scalar_token(node);
        mark = t ? fy_token_start_mark(t) : NULL;
        return mark ? (unsigned)mark->line + 1 : 0;
    case FYNT_MAPPING:
        pair = fy_node_mapping_iterate(node, &it);
        return pair ? ec_yaml_line(fy_node_pair_key(pair)) : 0;
    case FYNT_SEQUENCE:
        item = fy_node_sequence_iterate(node, &it);
        return ec_yaml_line(item);
    }
    return 0;
}
