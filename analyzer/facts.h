/*
 * facts.h - what the analyzers found, before any interpretation.
 *
 * Analyzers append facts; graph/ turns them into the model; nothing else
 * writes here. All strings are owned by the facts' arena and live until
 * ec_facts_release(). Arrays are in discovery order; graph/ sorts them.
 *
 * Paths are relative to the project root, '/'-separated.
 */
#ifndef EC_ANALYZER_FACTS_H
#define EC_ANALYZER_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "analyzer/lang.h"
#include "analyzer/linecount.h"
#include "util/arena.h"
#include "util/array.h"
#include "util/diag.h"

/* Why a path was left out of the analysis. The names are model.json's. */
typedef enum {
    EC_SKIP_BINARY,
    EC_SKIP_TOO_LARGE,
    EC_SKIP_VENDORED,
    EC_SKIP_GENERATED,
    EC_SKIP_IGNORED,
    EC_SKIP_SYMLINK,
    EC_SKIP_SUBMODULE,
    EC_SKIP_SPECIAL, /* fifo, socket, device */
    EC_SKIP_UNREADABLE
} ec_skip_reason;

/* The model.json spelling of a reason ("too-large"). Static string. */
const char *ec_skip_reason_name(ec_skip_reason reason);

typedef struct {
    const char *path;
    const ec_lang *lang; /* NULL when the language is not known */
    ec_line_counts lines;
    uint64_t size;
    char blob[41]; /* git blob id (hex) of the content analysed */
} ec_file_fact;

typedef struct {
    const char *path;
    ec_skip_reason reason;
    const char *detail; /* evidence for the decision, e.g. "line 1: DO NOT EDIT"; may be "" */
} ec_skip_fact;

typedef struct {
    const char *name;
    const char *evidence; /* "manifest:<path>#<key>" or "" when it is the directory name */
} ec_fact_value;

typedef struct {
    ec_arena arena;
    ec_diag_sink diags;

    /* Repository state (analyzer/repo.c). */
    bool is_git;
    bool dirty;              /* work tree differs from HEAD */
    const char *revision;    /* HEAD commit id, "" without commits */
    const char *commit_date; /* ISO 8601 UTC date of HEAD's commit, "" without commits */
    const char *describe;    /* git describe --tags --always, "" when no commit */
    const char *branch;      /* current branch, "" when detached or not git */
    bool shallow;

    /* Project identity (analyzer/identity.c). */
    ec_fact_value name;
    ec_fact_value version;

    EC_ARRAY(ec_file_fact) files;
    EC_ARRAY(ec_skip_fact) skipped;
} ec_facts;

void ec_facts_init(ec_facts *facts);
void ec_facts_release(ec_facts *facts);

/* Record a skipped path; path and detail are copied into the arena. */
void ec_facts_skip(ec_facts *facts, const char *path, ec_skip_reason reason, const char *detail);

#endif
