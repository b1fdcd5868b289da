/*
 * fixture.h - building small repositories at test time.
 *
 * Tests create their repositories in a fresh directory under /tmp (outside
 * any git work tree, so a plain-directory fixture really has no git), write
 * files, and run git through the shell with a fixed identity and dates so the
 * history is the same on every run. Every helper fails the test on error.
 */
#ifndef EC_TESTS_FIXTURE_H
#define EC_TESTS_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

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

/* Remove dir and everything in it. */
void fixture_remove(const char *dir);

#endif
