/*
 * own_migrations.h - a project's own way to apply its database migrations,
 * beside the tools analyzer/migrations.h knows by their files:
 *
 *   - a flag or subcommand its program defines: miniflux's
 *     flag.BoolVar(&flagMigrate, "migrate", ...) gives "miniflux -migrate",
 *     a cobra Use: "migrate" gives "<program> migrate", an argparse
 *     add_argument("--upgrade-db") gives "<program> --upgrade-db";
 *   - a script named for it (scripts/migrate.sh, bin/db-migrate): run as is;
 *   - a make target named for it (migrate:, db-migrate:): make migrate.
 *
 * Flags are found by a text search of each source file during the scan
 * (so the cache keeps them: ec_file_fact.migration_flags): a line that
 * defines a flag or command (flag.Bool, add_argument, .option(, .command(,
 * Use:, Name:, ...) and quotes a name that means migrating (migrate,
 * migrations, run-migrations, db-upgrade, ...; "upgrade" alone only when
 * the line speaks of a database, schema or migrations). The program is the
 * executable or service whose directory holds the file (or the nearest one
 * above it). Each finding is an operation of kind "migration": name the
 * program ("script", "make" for the others), detail the command, evidence
 * path:line.
 */
#ifndef EC_ANALYZER_OWN_MIGRATIONS_H
#define EC_ANALYZER_OWN_MIGRATIONS_H

#include "analyzer/facts.h"

/* The migration flags and subcommands text (the content of the source file
 * at path, len bytes) defines, into file->migration_flags (strings in arena). Test files
 * and files of other than a programming language are left alone. */
void ec_own_migrations_scan(ec_file_fact *file, const char *path, const char *text, size_t len,
                            ec_arena *arena);

/* The operations, from the files' flags, their scripts and the Makefiles
 * under root; after the manifests are read (the containers name the
 * programs). */
void ec_own_migrations_detect(ec_facts *facts, const char *root);

#endif
