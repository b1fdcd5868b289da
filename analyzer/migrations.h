/*
 * migrations.h - the database migration tool a repository uses, and the
 * command that applies its migrations, from the files it holds (the table
 * catalog/migration-tools.tsv in the data directory says which files mean
 * which tool). Each finding is an operation of kind "migration" whose
 * evidence is the file that shows it; the command is given only when the
 * repository holds what makes it work (Django's manage.py, Rails' bin/rails).
 */
#ifndef EC_ANALYZER_MIGRATIONS_H
#define EC_ANALYZER_MIGRATIONS_H

#include "analyzer/facts.h"

void ec_migrations_detect(ec_facts *facts, const char *data_dir);

#endif
