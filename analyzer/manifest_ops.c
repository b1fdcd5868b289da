/*
 * manifest_ops.c - small line-oriented files about running and owning the
 * system: Procfiles, systemd units, environment examples and CODEOWNERS.
 *
 *   Procfile        "type: command" lines; each process type a container
 *                   (web a service, release a job), its command a process
 *   *.service       a systemd unit: a service container, built from no
 *                   directory, named after the unit, or after the program
 *                   ExecStart runs when the project builds one of that name
 *                   (ec_systemd_resolve, once every file is read); ExecStart
 *                   its process
 *   .env.example    KEY=value lines: the environment the system expects,
 *                   the value as its example
 *   CODEOWNERS      "pattern owner..." lines: declared owners
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"
#include "util/path.h"

/* Calls fn for each line with its number, trimmed, without blank lines and
 * lines starting with one of the comment characters. */
static void each_line(ec_manifest *m, const char *comments,
                      void (*fn)(ec_manifest *m, char *line, unsigned n, void *ctx), void *ctx)
{
    const char *p = m->text, *end = m->text + m->len;
    ec_buf line = EC_BUF_INIT;
    unsigned n = 0;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *s = p, *e;

        if (!eol)
            eol = end;
        p = eol < end ? eol + 1 : end;
        n++;
        while (s < eol && isspace((unsigned char)*s))
            s++;
        e = eol;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        if (s == e || strchr(comments, *s))
            continue;
        ec_buf_reset(&line);
        ec_buf_add(&line, s, (size_t)(e - s));
        fn(m, line.ptr, n, ctx);
    }
    ec_buf_release(&line);
}

static void procfile_line(ec_manifest *m, char *line, unsigned n, void *ctx)
{
    char *colon = strchr(line, ':');
    const char *cmd;

    (void)ctx;
    if (!colon || colon == line || strcspn(line, " \t") < (size_t)(colon - line)) {
        ec_manifest_error(m, n, "not a 'type: command' line");
        return;
    }
    *colon = '\0';
    cmd = colon + 1 + strspn(colon + 1, " \t");
    /* "web", "worker": a process's role, not a program's name */
    ec_manifest_container(m, line, strcmp(line, "release") == 0 ? "job" : "service", "", m->dir,
                          ec_manifest_line(m, n))
        ->name_from_dir = true;
    ec_manifest_operation(m, "process", line, cmd, ec_manifest_line(m, n));
}

void ec_read_procfile(ec_manifest *m)
{
    size_t before = m->facts->operations.len;

    each_line(m, "#", procfile_line, NULL);
    if (m->facts->operations.len > before)
        ec_manifest_operation(m, "deployment", "procfile", m->path, ec_manifest_line(m, 1));
}

static void env_line(ec_manifest *m, char *line, unsigned n, void *ctx)
{
    char *eq, *value;
    size_t k;

    (void)ctx;
    if (strncmp(line, "export ", 7) == 0)
        line += 7 + strspn(line + 7, " \t");
    eq = strchr(line, '=');
    k = eq ? (size_t)(eq - line) : 0;
    while (k && isspace((unsigned char)line[k - 1]))
        k--;
    if (!eq || !k ||
        strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.") < k) {
        ec_manifest_error(m, n, "not a 'NAME=value' line");
        return;
    }
    line[k] = '\0';
    value = eq + 1 + strspn(eq + 1, " \t");
    k = strlen(value);
    if (k >= 2 && (value[0] == '"' || value[0] == '\'') && value[k - 1] == value[0]) {
        value[k - 1] = '\0';
        value++;
    } else {
        char *hash = strstr(value, " #"); /* an unquoted value ends at a comment */

        if (hash)
            *hash = '\0';
    }
    ec_manifest_operation(m, "environment", line, value, ec_manifest_line(m, n));
}

void ec_read_env_example(ec_manifest *m)
{
    each_line(m, "#", env_line, NULL);
}

static void owners_line(ec_manifest *m, char *line, unsigned n, void *ctx)
{
    size_t k = strcspn(line, " \t");
    const char *owners;

    (void)ctx;
    if (!line[k]) {
        ec_manifest_owner(m, line, "", ec_manifest_line(m, n)); /* an unowned path */
        return;
    }
    line[k] = '\0';
    owners = line + k + 1 + strspn(line + k + 1, " \t");
    ec_manifest_owner(m, line, owners, ec_manifest_line(m, n));
}

void ec_read_codeowners(ec_manifest *m)
{
    each_line(m, "#", owners_line, NULL);
}

typedef struct {
    bool in_service;
    unsigned exec_line;
    ec_buf exec;
} unit;

static void unit_line(ec_manifest *m, char *line, unsigned n, void *ctx)
{
    unit *u = ctx;

    (void)m;
    if (line[0] == '[') {
        u->in_service = strcmp(line, "[Service]") == 0;
    } else if (u->in_service && strncmp(line, "ExecStart=", 10) == 0 && !u->exec_line) {
        ec_buf_puts(&u->exec, line + 10 + strspn(line + 10, "-@:+!")); /* prefixes are flags */
        u->exec_line = n;
    }
}

void ec_read_systemd_unit(ec_manifest *m)
{
    unit u = {false, 0, EC_BUF_INIT};
    const char *base = ec_path_basename(m->path);
    char *name = strndup(base, strlen(base) - strlen(".service"));

    each_line(m, "#;", unit_line, &u);
    if (u.exec_line) {
        /* A unit runs a program, it builds none: no directory. It joins
         * the container of the program it runs (ec_systemd_resolve). */
        ec_manifest_container(m, name, "service", "systemd", "", ec_manifest_line(m, u.exec_line));
        ec_manifest_operation(m, "process", name, u.exec.ptr, ec_manifest_line(m, u.exec_line));
        ec_manifest_operation(m, "deployment", "systemd", m->path,
                              ec_manifest_line(m, u.exec_line));
    }
    free(name);
    ec_buf_release(&u.exec);
}

/* The file name of the program a command runs: "/usr/bin/miniflux -c x"
 * gives "miniflux", in buf. */
static const char *program_of(const char *command, char *buf, size_t size)
{
    size_t n = strcspn(command, " \t");
    const char *slash;

    snprintf(buf, size, "%.*s", (int)n, command);
    slash = strrchr(buf, '/');
    return slash ? slash + 1 : buf;
}

static bool builds(const ec_facts *facts, const char *name)
{
    size_t i;

    for (i = 0; i < facts->containers.len; i++)
        if (facts->containers.items[i].path[0] &&
            strcmp(facts->containers.items[i].name, name) == 0)
            return true;
    return false;
}

void ec_systemd_resolve(ec_facts *facts)
{
    char buf[256];
    size_t i, k;

    for (i = 0; i < facts->containers.len; i++) {
        ec_container_fact *c = &facts->containers.items[i];

        if (strcmp(c->technology, "systemd") != 0 || c->path[0])
            continue;
        for (k = 0; k < facts->operations.len; k++) {
            const ec_operation_fact *o = &facts->operations.items[k];
            const char *program;

            if (strcmp(o->kind, "process") != 0 || strcmp(o->evidence, c->evidence) != 0)
                continue;
            program = program_of(o->detail, buf, sizeof(buf));
            if (builds(facts, program))
                c->name = ec_arena_strdup(&facts->arena, program);
            break;
        }
    }
}
