/*
 * manifest_ci.c - continuous integration files: the jobs and the commands
 * they run, for the developer guide (how the project builds and tests
 * itself) and for the deployment section.
 *
 *   .github/workflows/NAME.yml   jobs.<id>.steps[].run
 *   .gitlab-ci.yml               <job>.script (and before_script), jobs being
 *                                the top-level keys that are not settings
 *
 * Each command is an operation of kind "ci" named "<workflow>/<job>".
 */
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "analyzer/manifest_yaml.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/strlist.h"

/* Record the commands of a scalar or a sequence of scalars. */
static void commands(ec_manifest *m, const char *job, struct fy_node *node)
{
    struct fy_node *item;
    void *it = NULL;

    if (ec_yaml_scalar(node)) {
        ec_manifest_operation(m, "ci", job, ec_yaml_scalar(node),
                              ec_manifest_line(m, ec_yaml_line(node)));
        return;
    }
    while (node && fy_node_get_type(node) == FYNT_SEQUENCE &&
           (item = fy_node_sequence_iterate(node, &it)) != NULL)
        if (ec_yaml_scalar(item))
            ec_manifest_operation(m, "ci", job, ec_yaml_scalar(item),
                                  ec_manifest_line(m, ec_yaml_line(item)));
}

/* "ci.yml" -> "ci" */
static void workflow_name(const char *path, ec_buf *out)
{
    const char *base = ec_path_basename(path);
    const char *dot = strrchr(base, '.');

    ec_buf_reset(out);
    ec_buf_add(out, base, dot ? (size_t)(dot - base) : strlen(base));
}

static void github_workflow(ec_manifest *m, struct fy_node *root, void *ctx)
{
    struct fy_node *jobs = ec_yaml_get(root, "jobs");
    struct fy_node_pair *pair;
    ec_buf name = EC_BUF_INIT;
    void *it = NULL;

    (void)ctx;
    while (jobs && fy_node_get_type(jobs) == FYNT_MAPPING &&
           (pair = fy_node_mapping_iterate(jobs, &it)) != NULL) {
        const char *job = ec_yaml_scalar(fy_node_pair_key(pair));
        struct fy_node *steps = ec_yaml_get(fy_node_pair_value(pair), "steps"), *step;
        void *si = NULL;

        if (!job)
            continue;
        workflow_name(m->path, &name);
        ec_buf_printf(&name, "/%s", job);
        while (steps && fy_node_get_type(steps) == FYNT_SEQUENCE &&
               (step = fy_node_sequence_iterate(steps, &si)) != NULL)
            commands(m, name.ptr, ec_yaml_get(step, "run"));
    }
    ec_buf_release(&name);
}

void ec_read_github_workflow(ec_manifest *m)
{
    ec_yaml_each_document(m, github_workflow, NULL);
}

/* Top-level keys of .gitlab-ci.yml that configure the pipeline, not jobs. */
static const char *const gitlab_settings[] = {
    "stages",   "variables", "default",       "include",      "workflow",     "image",
    "services", "cache",     "before_script", "after_script", "pages:deploy", NULL};

static bool is_setting(const char *key)
{
    if (key[0] == '.')
        return true; /* a hidden job: a template for others */
    return ec_str_in(key, gitlab_settings);
}

static void gitlab_pipeline(ec_manifest *m, struct fy_node *root, void *ctx)
{
    struct fy_node_pair *pair;
    void *it = NULL;
    ec_buf name = EC_BUF_INIT;

    (void)ctx;
    while (fy_node_get_type(root) == FYNT_MAPPING &&
           (pair = fy_node_mapping_iterate(root, &it)) != NULL) {
        const char *job = ec_yaml_scalar(fy_node_pair_key(pair));
        struct fy_node *body = fy_node_pair_value(pair);

        if (!job || is_setting(job) || !ec_yaml_get(body, "script"))
            continue;
        ec_buf_reset(&name);
        ec_buf_printf(&name, "gitlab-ci/%s", job);
        commands(m, name.ptr, ec_yaml_get(body, "before_script"));
        commands(m, name.ptr, ec_yaml_get(body, "script"));
    }
    ec_buf_release(&name);
}

void ec_read_gitlab_ci(ec_manifest *m)
{
    ec_yaml_each_document(m, gitlab_pipeline, NULL);
}
