/*
 * own_migrations.c - migration flags, commands, scripts and make targets a
 * project defines itself (see own_migrations.h).
 */
#include "analyzer/own_migrations.h"

#include <string.h>
#include <strings.h>

#include "analyzer/lang.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/strlist.h"

/* Names that mean applying migrations, without leading dashes. */
static const char *const migrate_names[] = {
    "migrate",    "migrations", "run-migrations", "run_migrations", "db-migrate",
    "migrate-db", "db:migrate", "dbmigrate",      "db-upgrade",     "upgrade-db",
    "db_upgrade", "upgrade_db", "migrate-up",     "migrate_up",     NULL,
};

/* Calls and keys that define a subcommand, then a flag, by language. */
static const char *const command_definers[] = {
    ".command(",     ".Command(",    "Use:",           "Name:",        "add_parser(",
    "Command::new(", ".subcommand(", "@click.command", ".cli.command", NULL,
};
static const char *const flag_definers[] = {
    "flag.",  ".Bool(",   ".BoolVar(",     ".BoolP(",     ".BoolVarP(", ".String(", ".StringVar(",
    ".Flag(", ".option(", "add_argument(", "add_option(", "Arg::new(",  ".long(",   NULL,
};

/* The script names that mean migrating (their base name, extension aside). */
static const char *const script_names[] = {"migrate",        "migrations", "db-migrate",
                                           "migrate-db",     "db-upgrade", "upgrade-db",
                                           "run-migrations", NULL};

typedef struct {
    ec_facts *facts;
    ec_buf command;
} finder;

static bool mentions(const char *line, size_t n, const char *const *words)
{
    size_t i;

    for (i = 0; words[i]; i++)
        if (memmem(line, n, words[i], strlen(words[i])))
            return true;
    return false;
}

static bool mentions_nocase(const char *line, size_t n, const char *word)
{
    size_t w = strlen(word), i;

    for (i = 0; i + w <= n; i++)
        if (strncasecmp(line + i, word, w) == 0)
            return true;
    return false;
}

/* "upgrade" alone is a migration only where the line says of what. */
static bool means_migrating(const char *name, const char *line, size_t n)
{
    if (ec_str_in(name, migrate_names))
        return true;
    return strcmp(name, "upgrade") == 0 &&
           (mentions_nocase(line, n, "database") || mentions_nocase(line, n, "schema") ||
            mentions_nocase(line, n, "migrat") || mentions_nocase(line, n, " db"));
}

static void add(finder *f, const char *name, const char *path, unsigned line)
{
    ec_operation_fact o;
    size_t i;

    for (i = 0; i < f->facts->operations.len; i++)
        if (strcmp(f->facts->operations.items[i].kind, "migration") == 0 &&
            strcmp(f->facts->operations.items[i].detail, f->command.ptr) == 0)
            return; /* the same command defined twice (two help texts) */
    o.kind = "migration";
    o.name = ec_arena_strdup(&f->facts->arena, name);
    o.detail = ec_arena_strdup(&f->facts->arena, f->command.ptr);
    o.evidence = ec_arena_printf(&f->facts->arena, "%s:%u", path, line);
    ec_array_push(&f->facts->operations, o);
}

/* The program a source file belongs to: the executable (else service)
 * built from its directory or the nearest one above; else the project's
 * name. An executable's name is its binary's (go.mod, Cargo.toml, a
 * Makefile), a service's often its deployment's. */
static const char *program_of(const ec_facts *facts, const char *path)
{
    const char *best = NULL;
    size_t i, best_score = 0;

    for (i = 0; i < facts->containers.len; i++) {
        const ec_container_fact *c = &facts->containers.items[i];
        bool executable = strcmp(c->kind, "executable") == 0;
        size_t n = strlen(c->path), score;

        if (!c->path[0] || (!executable && strcmp(c->kind, "service") != 0))
            continue;
        if (strcmp(c->path, ".") == 0)
            n = 0;
        else if (strncmp(c->path, path, n) != 0 || path[n] != '/')
            continue;
        score = 2 * (n + 1) + executable;
        if (score > best_score) {
            best = c->name;
            best_score = score;
        }
    }
    if (best)
        return best;
    return facts->name.name && facts->name.name[0] ? facts->name.name : "<program>";
}

/* One line of a source file: a quoted migration name in a definition. */
static void scan_line(ec_file_fact *file, ec_arena *arena, const char *line, size_t n,
                      unsigned lineno)
{
    const char *q = line, *end = line + n;
    bool command = mentions(line, n, command_definers);

    if (!command && !mentions(line, n, flag_definers))
        return;
    while ((q = memchr(q, '"', (size_t)(end - q))) != NULL) {
        const char *close = memchr(q + 1, '"', (size_t)(end - q - 1));
        char name[40];
        size_t len, dashes;

        if (!close)
            return;
        len = (size_t)(close - q - 1);
        dashes = strspn(q + 1, "-");
        if (len > dashes && len - dashes < sizeof(name)) {
            memcpy(name, q + 1 + dashes, len - dashes);
            name[len - dashes] = '\0';
            if (means_migrating(name, line, n)) {
                ec_migration_flag_fact m = {ec_arena_strndup(arena, q + 1, len), lineno, command};

                ec_array_push(&file->migration_flags, m);
                return;
            }
        }
        q = close + 1;
    }
}

/* The command a flag fact gives: "<program> migrate" for a subcommand,
 * the flag as written, else with Go's single dash or the usual two. */
static void flag_command(finder *f, const ec_file_fact *file, const ec_migration_flag_fact *m)
{
    const char *program = program_of(f->facts, file->path);
    bool go = file->lang && strcmp(ec_lang_name(file->lang), "Go") == 0;

    ec_buf_reset(&f->command);
    if (m->command || m->name[0] == '-')
        ec_buf_printf(&f->command, "%s %s", program, m->name);
    else
        ec_buf_printf(&f->command, "%s %s%s", program, go ? "-" : "--", m->name);
    add(f, program, file->path, m->line);
}

/* Tests define flags and scripts of their own: a test file (main_test.go,
 * test_cli.py, cli.spec.ts) or any file under a test directory. */
static bool in_tests(const char *path)
{
    static const char *const dirs[] = {"test",     "tests",   "spec", "__tests__",
                                       "testdata", "testing", "e2e",  NULL};
    static const char *const marks[] = {"_test.", ".test.", ".spec.", "_spec.", NULL};
    const char *base = ec_path_basename(path), *p, *slash;
    char part[32];
    size_t i;

    for (i = 0; marks[i]; i++)
        if (strstr(base, marks[i]))
            return true;
    if (strncmp(base, "test_", 5) == 0)
        return true;
    for (p = path; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
        size_t n = (size_t)(slash - p);

        if (n < sizeof(part)) {
            memcpy(part, p, n);
            part[n] = '\0';
            if (ec_str_in(part, dirs))
                return true;
        }
    }
    return false;
}

void ec_own_migrations_scan(ec_file_fact *file, const char *path, const char *text, size_t len,
                            ec_arena *arena)
{
    const char *p = text, *end = text + len;
    unsigned lineno = 1;

    if (!file->lang || ec_lang_kind(file->lang) != EC_LANG_PROGRAMMING || in_tests(path))
        return;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

        /* cheap first: a line without "igrat" or "pgrade" is not one */
        if (memmem(p, n, "igrat", 5) || memmem(p, n, "pgrade", 6))
            scan_line(file, arena, p, n, lineno);
        p += n + 1;
        lineno++;
    }
}

/* A make target named for migrations: "make [-C dir] target". */
static void search_makefile(finder *f, const ec_file_fact *file, const ec_buf *text)
{
    const char *p = text->ptr, *end = text->ptr + text->len;
    int dir = (int)(ec_path_basename(file->path) - file->path); /* with its '/' */
    unsigned lineno = 1;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), t = strcspn(p, ":\n \t");
        char target[40];

        if (t < n && p[t] == ':' && (t + 1 >= n || p[t + 1] != '=') && t < sizeof(target)) {
            memcpy(target, p, t);
            target[t] = '\0';
            if (ec_str_in(target, migrate_names)) {
                ec_buf_reset(&f->command);
                if (dir)
                    ec_buf_printf(&f->command, "make -C %.*s %s", dir - 1, file->path, target);
                else
                    ec_buf_printf(&f->command, "make %s", target);
                add(f, "make", file->path, lineno);
            }
        }
        p += n + 1;
        lineno++;
    }
}

/* A script named for migrations, run as its kind is run. */
static bool found_script(finder *f, const ec_file_fact *file)
{
    const char *base = ec_path_basename(file->path), *ext = ec_path_extension(file->path);
    char stem[40];
    size_t n = strcspn(base, ".");

    if (n >= sizeof(stem) || (ext[0] && strcmp(ext, "sh") != 0 && strcmp(ext, "py") != 0 &&
                              strcmp(ext, "js") != 0 && strcmp(ext, "rb") != 0))
        return false;
    memcpy(stem, base, n);
    stem[n] = '\0';
    if (!ec_str_in(stem, script_names))
        return false;
    ec_buf_reset(&f->command);
    if (strcmp(ext, "py") == 0)
        ec_buf_printf(&f->command, "python %s", file->path);
    else if (strcmp(ext, "js") == 0)
        ec_buf_printf(&f->command, "node %s", file->path);
    else if (strcmp(ext, "rb") == 0)
        ec_buf_printf(&f->command, "ruby %s", file->path);
    else
        ec_buf_printf(&f->command, "./%s", file->path);
    add(f, "script", file->path, 1);
    return true;
}

static bool is_makefile(const ec_file_fact *file)
{
    const char *base = ec_path_basename(file->path);

    return strcmp(base, "Makefile") == 0 || strcmp(base, "GNUmakefile") == 0 ||
           strcmp(base, "makefile") == 0 || strcmp(ec_path_extension(base), "mk") == 0;
}

void ec_own_migrations_detect(ec_facts *facts, const char *root)
{
    finder f = {facts, EC_BUF_INIT};
    ec_buf path = EC_BUF_INIT, text = EC_BUF_INIT;
    size_t i, k;

    for (i = 0; i < facts->files.len; i++) {
        const ec_file_fact *file = &facts->files.items[i];

        for (k = 0; k < file->migration_flags.len; k++)
            flag_command(&f, file, &file->migration_flags.items[k]);
        if (in_tests(file->path) || found_script(&f, file) || !is_makefile(file))
            continue;
        ec_path_join(&path, root, file->path);
        ec_buf_reset(&text);
        if (ec_fs_read_file(&text, path.ptr) == 0)
            search_makefile(&f, file, &text);
    }
    ec_buf_release(&text);
    ec_buf_release(&path);
    ec_buf_release(&f.command);
}
