/*
 * manifest_vars.h - the variables of one build file (CMake, make, automake)
 * and the bounded expansion of references to them.
 *
 * Build files name their targets and sources through variables. A reader
 * records the assignments it can read literally and expands references
 * with them; a reference to anything else (a variable set elsewhere, a
 * function the table does not know, an automatic variable) is kept exactly
 * as written, so the caller can tell it apart and leave it out.
 *
 * The input is untrusted: a variable that refers to itself, references
 * nested a thousand deep, or definitions that double at every level must
 * not make the tool loop or allocate without bound. Every expansion
 * therefore has a depth limit and every table a budget of work for the
 * whole file; once the budget is spent, references stay unexpanded. The
 * first problem met is kept in `problem` for the reader to report once.
 *
 * The table owns copies of names and values. Lookups are hashed, so a file
 * with a hundred thousand variables costs no more than its size.
 */
#ifndef EC_ANALYZER_MANIFEST_VARS_H
#define EC_ANALYZER_MANIFEST_VARS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* How references are written. */
typedef enum {
    EC_MVARS_CMAKE, /* ${NAME}, nested ${a_${b}}; $ENV{X}, $CACHE{X}, $<...> kept */
    EC_MVARS_MAKE   /* $(NAME), ${NAME}, $(VAR:.c=.o), a few text functions, $(wildcard) through
                       a glob; $@, $$ kept. A call kept as written ($(shell ls | sort)) is one
                       word to the functions */
} ec_mvars_syntax;

/* Deepest nesting of references followed, and the work allowed per file:
 * bytes produced, and a reference costing as much as a few bytes. git's
 * Makefile, among the largest, uses about 3 million. */
#define EC_MVARS_MAX_DEPTH      32
#define EC_MVARS_REFERENCE_COST 8
#define EC_MVARS_BUDGET         ((size_t)16 * 1024 * 1024)

typedef struct ec_mvar ec_mvar;

/* make's $(wildcard PATTERN): append the files that match one pattern,
 * space-separated, to out, and in *work what it cost (charged to the
 * budget); false to keep the call as written (a pattern the caller cannot
 * answer). */
typedef bool (*ec_mvars_glob)(void *ctx, const char *pattern, ec_buf *out, size_t *work);

typedef struct {
    ec_mvars_syntax syntax;
    ec_mvar *slots; /* open addressing, power-of-two size */
    size_t size, used;
    size_t budget;            /* work left for the file */
    const char *problem;      /* static text: the first expansion that was cut short, or NULL */
    const char *problem_name; /* the variable it concerns, owned here; "" when none */
    ec_mvars_glob glob;       /* NULL: $(wildcard ...) is kept as written */
    void *glob_ctx;
    size_t glob_cost; /* work one pattern costs the budget (the files it looks at) */
} ec_mvars;

void ec_mvars_init(ec_mvars *v, ec_mvars_syntax syntax);
void ec_mvars_release(ec_mvars *v);

/* Set name to value (copied). `recursive` values (make's `=`) are expanded
 * again where they are used; others are used as stored. */
void ec_mvars_set(ec_mvars *v, const char *name, const char *value, bool recursive, unsigned line);

/* Mark name as set to something this file cannot know (a glob, a command's
 * output): references to it stay as written. */
void ec_mvars_forget(ec_mvars *v, const char *name, unsigned line);

/* The stored value, borrowed until the next change; NULL when name is not
 * set or was forgotten. *line gets the line of its last assignment. */
const char *ec_mvars_get(const ec_mvars *v, const char *name, unsigned *line);

/* Whether name was assigned at all in this file (even to the unknown). */
bool ec_mvars_seen(const ec_mvars *v, const char *name);

/* Whether the value is recursive (make's `=`). */
bool ec_mvars_recursive(const ec_mvars *v, const char *name);

/* Append s to out with every reference the table can resolve replaced.
 * Returns false when something was cut short (see `problem`); out then
 * holds the text with those references left as written. */
bool ec_mvars_expand(ec_mvars *v, ec_buf *out, const char *s);

#endif
