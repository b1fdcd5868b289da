/*
 * grpc.c - code that implements or calls gRPC services, found by the names
 * of their generated stubs (see grpc.h).
 */
#include "analyzer/grpc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/lang.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/tsv.h"

/* Files larger than this are not searched (the walk's own cap is lower by
 * default). */
#define MAX_SEARCHED (16u << 20)

typedef struct {
    const char *pattern;   /* $: the service's name; *: a dotted name */
    const char *languages; /* space-separated, or "*" */
    bool implements;
} stub_rule;

typedef EC_ARRAY(stub_rule) stub_rules;

static void add_rule(char **f, void *ctx)
{
    stub_rules *rules = ctx;
    stub_rule r = {f[0], f[2], strcmp(f[1], "implements") == 0};

    if (strchr(f[0], '$') && (r.implements || strcmp(f[1], "calls") == 0))
        ec_array_push(rules, r);
}

static bool word_in(const char *list, const char *word)
{
    size_t n = strlen(word);
    const char *p = list;

    if (strcmp(list, "*") == 0)
        return true;
    while ((p = strstr(p, word)) != NULL) {
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
        p += n;
    }
    return false;
}

static bool ident(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* The part of pattern before its first '$' (n characters), matched so that
 * it ends at text[at]: where the match starts, or -1. A '*' takes a
 * dotted name ending just before the name ("shop_proto." of
 * "shop_proto.Catalog"). */
static long match_before(const char *text, size_t at, const char *pattern, size_t n)
{
    size_t i = at;

    while (n > 0) {
        char c = pattern[--n];

        if (c == '*') {
            if (i == 0 || text[i - 1] != '.')
                return -1;
            while (i > 0 && (ident(text[i - 1]) || text[i - 1] == '.'))
                i--;
        } else {
            if (i == 0 || text[i - 1] != c)
                return -1;
            i--;
        }
    }
    return (long)i;
}

/* The rest of pattern (after the first '$'), matched from text[at], every
 * '$' being name: where the match ends, or -1. */
static long match_after(const char *text, size_t len, size_t at, const char *rest, const char *name)
{
    size_t n = strlen(name);

    for (; *rest; rest++) {
        if (*rest == '$') {
            if (len - at < n || memcmp(text + at, name, n) != 0)
                return -1;
            at += n;
        } else {
            if (at >= len || text[at] != *rest)
                return -1;
            at++;
        }
    }
    return (long)at;
}

/* The line defines the name rather than uses it: the word before the match
 * is a definition keyword (code generated into a file the walk kept). */
static bool after_definition_keyword(const char *text, size_t start)
{
    static const char *const keywords[] = {"func",   "def",  "class", "function", "interface",
                                           "struct", "type", "fn",    "module"};
    size_t end = start, begin, k;

    while (end > 0 && text[end - 1] == ' ')
        end--;
    begin = end;
    while (begin > 0 && ident(text[begin - 1]))
        begin--;
    if (end == start) /* no space before the match: not a keyword's name */
        return false;
    for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
        if (end - begin == strlen(keywords[k]) && !memcmp(text + begin, keywords[k], end - begin))
            return true;
    return false;
}

/* Whether rule matches with the service's name at text[at]. */
static bool rule_matches(const stub_rule *rule, const char *text, size_t len, size_t at,
                         const char *name)
{
    const char *dollar = strchr(rule->pattern, '$'), *last;
    long start, end;

    start = match_before(text, at, rule->pattern, (size_t)(dollar - rule->pattern));
    if (start < 0)
        return false;
    end = match_after(text, len, at, dollar, name);
    if (end < 0)
        return false;
    last = rule->pattern + strlen(rule->pattern) - 1;
    if ((ident(rule->pattern[0]) || rule->pattern[0] == '$') && start > 0 && ident(text[start - 1]))
        return false; /* part of a longer name */
    if ((ident(*last) || *last == '$') && (size_t)end < len && ident(text[end]))
        return false;
    return !after_definition_keyword(text, (size_t)start);
}

static unsigned line_at(const char *text, size_t at)
{
    unsigned line = 1;
    size_t i;

    for (i = 0; i < at; i++)
        line += text[i] == '\n';
    return line;
}

/* The service's name without its package: "Catalog" of "shop.Catalog". */
static const char *service_name(const ec_api_fact *api)
{
    const char *dot = strrchr(api->title, '.');
    return dot ? dot + 1 : api->title;
}

/* Add file's uses of api: the first line of each role. */
static void search_api(ec_api_fact *api, const char *path, const char *lang,
                       const stub_rules *rules, const ec_buf *text)
{
    const char *name = service_name(api), *p = text->ptr, *end = text->ptr + text->len;
    size_t n = strlen(name), r;
    bool seen[2] = {false, false};

    while (n && (p = memmem(p, (size_t)(end - p), name, n)) != NULL) {
        size_t at = (size_t)(p - text->ptr);

        for (r = 0; r < rules->len; r++) {
            const stub_rule *rule = &rules->items[r];
            ec_api_use use = {path, 0, rule->implements};

            if (seen[rule->implements] || !word_in(rule->languages, lang) ||
                !rule_matches(rule, text->ptr, text->len, at, name))
                continue;
            seen[rule->implements] = true;
            use.line = line_at(text->ptr, at);
            ec_array_push(&api->uses, use);
        }
        p += n;
    }
}

static bool searched_language(const stub_rules *rules, const ec_file_fact *f)
{
    size_t r;

    if (!f->lang || ec_lang_kind(f->lang) != EC_LANG_PROGRAMMING)
        return false;
    for (r = 0; r < rules->len; r++)
        if (word_in(rules->items[r].languages, ec_lang_name(f->lang)))
            return true;
    return false;
}

/* The gRPC service of apis[a], unless an earlier .proto declares it too
 * (each service's copy of a shared .proto): a service is searched once,
 * and its first declaration carries the uses. */
static bool searched_api(const ec_facts *facts, size_t a)
{
    size_t i;

    if (strcmp(facts->apis.items[a].kind, "grpc") != 0)
        return false;
    for (i = 0; i < a; i++)
        if (strcmp(facts->apis.items[i].kind, "grpc") == 0 &&
            strcmp(facts->apis.items[i].title, facts->apis.items[a].title) == 0)
            return false;
    return true;
}

static bool has_grpc(const ec_facts *facts)
{
    size_t i;

    for (i = 0; i < facts->apis.len; i++)
        if (strcmp(facts->apis.items[i].kind, "grpc") == 0)
            return true;
    return false;
}

static void search_files(ec_facts *facts, const char *root, const stub_rules *rules)
{
    ec_buf path = EC_BUF_INIT, text;
    bool *searched = ec_xcalloc(facts->apis.len, sizeof(*searched));
    size_t i, a;

    for (a = 0; a < facts->apis.len; a++)
        searched[a] = searched_api(facts, a);
    ec_buf_init(&text, MAX_SEARCHED);
    for (i = 0; i < facts->files.len; i++) {
        const ec_file_fact *f = &facts->files.items[i];

        if (!searched_language(rules, f))
            continue;
        ec_path_join(&path, root, f->path);
        ec_buf_reset(&text);
        if (ec_fs_read_file(&text, path.ptr) != 0) {
            ec_diag_add(&facts->diags, f->path, 0, "not searched for gRPC stubs: %s",
                        ec_error_last());
            continue;
        }
        for (a = 0; a < facts->apis.len; a++)
            if (searched[a])
                search_api(&facts->apis.items[a], f->path, ec_lang_name(f->lang), rules, &text);
    }
    free(searched);
    ec_buf_release(&text);
    ec_buf_release(&path);
}

void ec_grpc_find_uses(ec_facts *facts, const char *root, const char *data_dir)
{
    ec_buf path = EC_BUF_INIT, table = EC_BUF_INIT;
    stub_rules rules = EC_ARRAY_INIT;

    if (!has_grpc(facts))
        return;
    ec_path_join(&path, data_dir, "catalog/grpc-stubs.tsv");
    if (ec_fs_read_file(&table, path.ptr) != 0) {
        ec_diag_add(&facts->diags, "", 0, "%s: gRPC clients and servers are not recognised",
                    ec_error_last());
    } else {
        ec_tsv_each(table.ptr, 3, add_rule, &rules);
        search_files(facts, root, &rules);
    }
    ec_array_release(&rules);
    ec_buf_release(&table);
    ec_buf_release(&path);
}
