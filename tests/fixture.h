/*
 * fixture.h - building small repositories at test time.
 *
 * Tests create their repositories in a fresh directory under /tmp (outside
 * any git work tree, so a plain-directory fixture really has no git), write
 * files, and run git through the shell with a fixed identity and dates so the
 * history is the same on every run. Every helper fails the test on error.
 * End-to-end tests run the real binary (EC_BINARY) and read its model.json.
 */
#ifndef EC_TESTS_FIXTURE_H
#define EC_TESTS_FIXTURE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* A new empty directory; the returned path is owned by the caller (free). */
char *fixture_dir(void);

/* Write dir/path (creating parent directories) with len bytes of data. */
void fixture_write(const char *dir, const char *path, const char *data, size_t len);

/* Write a NUL-terminated text. */
void fixture_text(const char *dir, const char *path, const char *text);

/* Run a shell command inside dir (printf format); fails the test when the
 * command exits non-zero. GIT_* identity and dates are fixed. */
void fixture_sh(const char *dir, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True when dir/path exists (file or directory). */
bool fixture_exists(const char *dir, const char *path);

/* Run the etacodex binary with args (a shell fragment) in dir; its exit
 * code, with its standard error in err_out when not NULL. */
int fixture_run(const char *dir, const char *args, ec_buf *err_out);

/* Parse dir/path as JSON; fails the test when it is not. json_decref() it. */
json_t *fixture_json(const char *dir, const char *path);

/* The first object of array whose string member key equals value, or NULL;
 * and shorthands for members of an object. */
json_t *fixture_find(json_t *array, const char *key, const char *value);
const char *fixture_str(json_t *obj, const char *key);
long long fixture_int(json_t *obj, const char *key);

/* The strings of a JSON array joined by spaces, in out. */
const char *fixture_joined(json_t *array, ec_buf *out);

/* Run etacodex --doc-type model (no cache) in dir and parse the model.json
 * it wrote under docs/architecture; fails the test when the run fails. */
json_t *fixture_model(const char *dir);

/* Remove dir and everything in it. */
void fixture_remove(const char *dir);

#endif
