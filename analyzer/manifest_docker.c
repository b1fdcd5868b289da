/*
 * manifest_docker.c - Dockerfiles: the image a directory builds, what it
 * starts from, which ports it exposes and how it is started.
 *
 * A Dockerfile is one container: the image its directory builds (named
 * after the directory), with the base image of its last stage as
 * technology; a service when it exposes a port, else a program packaged in
 * an image (a compose file or a manifest of the same directory may say
 * more). Stages built FROM an earlier stage are not base images. A
 * Dockerfile alone in its directory (packaging/docker/alpine/) packages
 * the project root's program instead (see builds_its_directory).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"
#include "analyzer/lang.h"
#include "util/path.h"
#include "util/strlist.h"

typedef struct {
    ec_buf stages; /* names of earlier stages, each followed by '\n' */
    ec_buf base;   /* base image of the last stage */
    unsigned from_line;
    bool exposes;
} dockerfile;

/* The next logical instruction: continuation lines joined, comments and
 * blank lines skipped. *line gets the line it starts on. */
static bool next_instruction(const char **p, const char *end, ec_buf *out, unsigned *lineno,
                             unsigned *line)
{
    ec_buf_reset(out);
    while (*p < end) {
        const char *eol = memchr(*p, '\n', (size_t)(end - *p));
        const char *s = *p, *e;

        if (!eol)
            eol = end;
        *p = eol < end ? eol + 1 : end;
        ++*lineno;
        while (s < eol && isspace((unsigned char)*s))
            s++;
        if (s == eol || *s == '#')
            continue; /* comments may sit between continued lines */
        if (!out->len)
            *line = *lineno;
        e = eol;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        if (e > s && e[-1] == '\\') {
            ec_buf_add(out, s, (size_t)(e - 1 - s));
            ec_buf_putc(out, ' ');
            continue;
        }
        ec_buf_add(out, s, (size_t)(e - s));
        return true;
    }
    return out->len > 0;
}

/* The base image of an earlier stage called name, appended to out; false
 * when no stage has that name. */
static bool stage_base(const dockerfile *d, const char *name, ec_buf *out)
{
    size_t n = strlen(name);
    const char *p = d->stages.ptr;

    for (; *p; p = strchr(p, '\n') + 1) {
        if (strncmp(p, name, n) == 0 && p[n] == '\t') {
            const char *base = p + n + 1;

            ec_buf_add(out, base, strcspn(base, "\n"));
            return true;
        }
    }
    return false;
}

/* FROM [--platform=...] image [AS name] */
static void from(ec_manifest *m, dockerfile *d, char *args, unsigned line)
{
    char *w[4];
    size_t n = 0;
    char *tok, *save = NULL;

    for (tok = strtok_r(args, " \t", &save); tok && n < 4; tok = strtok_r(NULL, " \t", &save))
        if (strncmp(tok, "--", 2) != 0)
            w[n++] = tok;
    if (n == 0) {
        ec_manifest_error(m, line, "FROM names no image");
        return;
    }
    ec_buf_reset(&d->base);
    if (!stage_base(d, w[0], &d->base)) /* FROM an earlier stage: its base */
        ec_buf_puts(&d->base, w[0]);
    d->from_line = line;
    if (n >= 3 && strcasecmp(w[1], "AS") == 0)
        ec_buf_printf(&d->stages, "%s\t%s\n", w[2], d->base.ptr);
}

static bool is_build_file(const char *path)
{
    static const char *const names[] = {
        "package.json",     "go.mod",         "Cargo.toml",   "pyproject.toml",   "setup.py",
        "requirements.txt", "pom.xml",        "build.gradle", "build.gradle.kts", "Gemfile",
        "composer.json",    "CMakeLists.txt", "Makefile",     "meson.build",      NULL};
    const char *base = ec_path_basename(path);

    return ec_str_in(base, names) || strcmp(ec_path_extension(base), "csproj") == 0;
}

/* Whether the Dockerfile's directory holds what it builds: code (other
 * than shell scripts) or a build file. A directory with only a Dockerfile
 * and its scripts and configuration packages what is built elsewhere, from
 * the project root (docker build -f packaging/docker/alpine/Dockerfile .):
 * its image is one more form of the root's program. Without the walk's
 * file list (text read alone) every directory is taken to build itself. */
static bool builds_its_directory(ec_manifest *m)
{
    size_t n = strlen(m->dir), i;

    if (!m->root[0] || strcmp(m->dir, ".") == 0)
        return true;
    for (i = 0; i < m->facts->files.len; i++) {
        const ec_file_fact *f = &m->facts->files.items[i];

        if (strncmp(f->path, m->dir, n) != 0 || f->path[n] != '/')
            continue;
        if (is_build_file(f->path) || (f->lang && ec_lang_kind(f->lang) == EC_LANG_PROGRAMMING &&
                                       strcmp(ec_lang_name(f->lang), "Shell") != 0))
            return true;
    }
    return false;
}

/* Whether a COPY or ADD instruction (args after the keyword) takes the
 * whole build context: "COPY . /src", "ADD ./ /app", "COPY [\".\", \"/src\"]".
 * A copy from another stage (--from) does not. */
static bool copies_context(const char *args)
{
    char words[512], *save = NULL, *w, *last = NULL;
    bool dot = false;

    if (strstr(args, "--from"))
        return false;
    snprintf(words, sizeof(words), "%s", args);
    for (w = strtok_r(words, " \t[],\"", &save); w; w = strtok_r(NULL, " \t[],\"", &save)) {
        if (w[0] == '-' && w[1] == '-')
            continue;
        if (last && (!strcmp(last, ".") || !strcmp(last, "./")))
            dot = true; /* a source, as a word follows it */
        last = w;
    }
    return dot;
}

/* Whether some COPY or ADD of the Dockerfile takes the whole context. */
static bool copies_whole_context(ec_manifest *m)
{
    ec_buf ins = EC_BUF_INIT;
    const char *p = m->text, *end = m->text + m->len;
    unsigned lineno = 0, line = 0;
    bool found = false;

    while (!found && next_instruction(&p, end, &ins, &lineno, &line)) {
        size_t k = strcspn(ins.ptr, " \t");

        if ((k == 4 && strncasecmp(ins.ptr, "COPY", 4) == 0) ||
            (k == 3 && strncasecmp(ins.ptr, "ADD", 3) == 0))
            found = copies_context(ins.ptr + k);
    }
    ec_buf_release(&ins);
    return found;
}

/* The directory the image is built from: its own, unless it holds nothing
 * to build and the image takes the whole context, which is then the
 * project root's. A Dockerfile of its own directory that copies only
 * files beside it (nginx.conf) is an image of that directory. */
static const char *build_dir(ec_manifest *m)
{
    return builds_its_directory(m) || !copies_whole_context(m) ? m->dir : ".";
}

static const char *container_name(ec_manifest *m)
{
    return ec_manifest_dir_name(m, build_dir(m));
}

void ec_read_dockerfile(ec_manifest *m)
{
    dockerfile d = {EC_BUF_INIT, EC_BUF_INIT, 0, false};
    ec_buf ins = EC_BUF_INIT, tech = EC_BUF_INIT;
    const char *p = m->text, *end = m->text + m->len;
    unsigned lineno = 0, line = 0;

    while (next_instruction(&p, end, &ins, &lineno, &line)) {
        size_t k = strcspn(ins.ptr, " \t");
        char *args = ins.ptr + k + strspn(ins.ptr + k, " \t");

        if (k == 4 && strncasecmp(ins.ptr, "FROM", 4) == 0) {
            from(m, &d, args, line);
        } else if (k == 6 && strncasecmp(ins.ptr, "EXPOSE", 6) == 0) {
            d.exposes = true;
            ec_manifest_operation(m, "port", container_name(m), args, ec_manifest_line(m, line));
        } else if ((k == 10 && strncasecmp(ins.ptr, "ENTRYPOINT", 10) == 0) ||
                   (k == 3 && strncasecmp(ins.ptr, "CMD", 3) == 0)) {
            ec_manifest_operation(m, "command", container_name(m), args, ec_manifest_line(m, line));
        } else if (k == 11 && strncasecmp(ins.ptr, "HEALTHCHECK", 11) == 0 &&
                   ec_manifest_url_path(m, args)) {
            ec_manifest_operation(m, "health", ec_manifest_url_path(m, args), "HEALTHCHECK",
                                  ec_manifest_line(m, line));
        }
    }
    if (!d.from_line) {
        ec_manifest_error(m, 0, "no FROM instruction: not a Dockerfile");
    } else {
        ec_buf_puts(&tech, "Docker");
        if (d.base.len)
            ec_buf_printf(&tech, " (from %s)", d.base.ptr);
        ec_container_fact *c =
            ec_manifest_container(m, container_name(m), d.exposes ? "service" : "executable",
                                  tech.ptr, build_dir(m), ec_manifest_line(m, d.from_line));
        c->name_from_dir = true;
    }
    ec_buf_release(&ins);
    ec_buf_release(&tech);
    ec_buf_release(&d.stages);
    ec_buf_release(&d.base);
}
