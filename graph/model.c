/*
 * model.c - from facts to the model (see model.h).
 *
 * For now the model is the inventory: sorted files, sorted skipped paths and
 * per-language totals. The dependency graph and the C4 model are built here
 * too as the analyzers that feed them arrive.
 */
#include "graph/model.h"

#include <stdlib.h>
#include <string.h>

#include "graph/api_links.h"
#include "graph/code_links.h"
#include "util/alloc.h"
#include "graph/source_links.h"

static int compare_files(const void *a, const void *b)
{
    return strcmp(((const ec_file_fact *)a)->path, ((const ec_file_fact *)b)->path);
}

static int compare_skips(const void *a, const void *b)
{
    return strcmp(((const ec_skip_fact *)a)->path, ((const ec_skip_fact *)b)->path);
}

static int compare_languages(const void *a, const void *b)
{
    const ec_language_total *x = a, *y = b;

    if (x->code != y->code)
        return x->code > y->code ? -1 : 1;
    return strcmp(x->name, y->name);
}

static ec_language_total *language_slot(ec_model *m, const ec_lang *lang)
{
    ec_language_total t = {0};
    size_t i;

    for (i = 0; i < m->languages.len; i++)
        if (strcmp(m->languages.items[i].name, ec_lang_name(lang)) == 0)
            return &m->languages.items[i];
    t.name = ec_lang_name(lang);
    t.kind = ec_lang_kind(lang);
    ec_array_push(&m->languages, t);
    return &m->languages.items[m->languages.len - 1];
}

static void add_counts(ec_line_counts *to, const ec_line_counts *from)
{
    to->lines += from->lines;
    to->code += from->code;
    to->comment += from->comment;
    to->blank += from->blank;
}

void ec_model_build(ec_model *out, ec_facts *facts, const char *root_label)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    out->facts = *facts;
    memset(facts, 0, sizeof(*facts));
    out->root_label = ec_arena_strdup(&out->facts.arena, root_label);

    ec_array_sort(&out->facts.files, compare_files);
    ec_array_sort(&out->facts.skipped, compare_skips);
    ec_containers_build(&out->build, &out->facts);
    ec_api_links_build(&out->build, &out->facts);
    ec_source_links_build(&out->build, &out->facts);
    ec_deps_build(&out->deps, &out->facts);
    out->container_of =
        ec_xcalloc(out->facts.files.len ? out->facts.files.len : 1, sizeof(*out->container_of));
    for (i = 0; i < out->facts.files.len; i++)
        out->container_of[i] = ec_containers_of_file(&out->build, out->facts.files.items[i].path);
    ec_code_links_build(&out->build, &out->facts, &out->deps, out->container_of);
    ec_components_build(&out->components, &out->facts, &out->deps, out->container_of);
    ec_diag_sort(&out->facts.diags);

    for (i = 0; i < out->facts.files.len; i++) {
        const ec_file_fact *f = &out->facts.files.items[i];
        ec_language_total *t;

        if (!f->lang)
            continue;
        t = language_slot(out, f->lang);
        t->files++;
        t->lines += f->lines.lines;
        t->code += f->lines.code;
        t->comment += f->lines.comment;
        t->blank += f->lines.blank;
        add_counts(&out->total, &f->lines);
        out->total_files++;
    }
    ec_array_sort(&out->languages, compare_languages);
}

void ec_model_release(ec_model *model)
{
    ec_array_release(&model->languages);
    ec_containers_release(&model->build);
    ec_deps_release(&model->deps);
    free(model->container_of);
    ec_components_release(&model->components);
    ec_facts_release(&model->facts);
}
