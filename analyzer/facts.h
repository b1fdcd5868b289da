/*
 * facts.h - what the analyzers found, before any interpretation.
 *
 * Analyzers append facts; graph/ turns them into the model; nothing else
 * writes here. All strings are owned by the facts' arena and live until
 * ec_facts_release(). Arrays are in discovery order; graph/ sorts them.
 *
 * Paths are relative to the project root, '/'-separated.
 */
#ifndef EC_ANALYZER_FACTS_H
#define EC_ANALYZER_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "analyzer/lang.h"
#include "analyzer/linecount.h"
#include "util/arena.h"
#include "util/array.h"
#include "util/diag.h"

/* Why a path was left out of the analysis. The names are model.json's. */
typedef enum {
    EC_SKIP_BINARY,
    EC_SKIP_TOO_LARGE,
    EC_SKIP_VENDORED,
    EC_SKIP_GENERATED,
    EC_SKIP_IGNORED,
    EC_SKIP_SYMLINK,
    EC_SKIP_SUBMODULE,
    EC_SKIP_SPECIAL, /* fifo, socket, device */
    EC_SKIP_UNREADABLE
} ec_skip_reason;

/* The model.json spelling of a reason ("too-large"). Static string. */
const char *ec_skip_reason_name(ec_skip_reason reason);

/* Where an import leads; the names are model.json's. */
typedef enum {
    EC_IMPORT_UNRESOLVED,
    EC_IMPORT_INTERNAL, /* a file (or, Go/Java packages, a directory) of the project */
    EC_IMPORT_EXTERNAL, /* a package, named as its ecosystem names it */
    EC_IMPORT_STDLIB    /* the language's standard library */
} ec_import_kind;

const char *ec_import_kind_name(ec_import_kind kind);

typedef struct {
    const char *spec; /* as written, quotes removed: "./util", "os.path", "stdio.h" */
    unsigned line;
    unsigned level; /* Python relative import dots; 0 otherwise */
    bool system;    /* C/C++ #include <...> */
    bool dynamic;   /* JS import(), require() */
    ec_import_kind kind;
    const char *target; /* resolved: project path, package or module; "" when unresolved */
    bool resolved;      /* decided by libclang (analyzer/clang.c): the resolver leaves it */
    bool outside;       /* libclang opened a header outside the root: never a project file */
} ec_import_fact;

typedef struct {
    const char *name;
    const char *kind; /* "function", "method", "type" */
    unsigned line;
    bool exported;
    unsigned complexity; /* cyclomatic, functions and methods; 0 for types */
} ec_definition_fact;

typedef struct {
    const char *name;
    unsigned line;
    const char *fallback; /* the default the code gives, "" when none */
} ec_env_fact;

/* A flag or subcommand the file defines whose name means applying database
 * migrations (analyzer/own_migrations.c). */
typedef struct {
    const char *name; /* as written: "migrate", "--upgrade-db" */
    unsigned line;
    bool command; /* a subcommand (cobra Use:, .command()), else a flag */
} ec_migration_flag_fact;

/* A call from a function of the file to a function the project declares
 * (analyzer/clang.c). */
typedef struct {
    const char *from;   /* the calling function's name */
    const char *to;     /* the called function's name */
    const char *target; /* the project file that defines the callee, "" when none does */
    unsigned line;
} ec_call_fact;

typedef struct {
    const char *path;
    const ec_lang *lang; /* NULL when the language is not known */
    ec_line_counts lines;
    uint64_t size;
    char blob[41]; /* git blob id (hex) of the content analysed */

    /* Source analysis (analyzer/source.c); empty for files no front end reads. */
    bool parsed;
    unsigned parse_errors;   /* syntax error nodes; what parsed is kept */
    const char *description; /* first sentence of the leading comment/docstring, or "" */
    const char *package;     /* the package it declares (Go, Java), or "" */
    unsigned complexity_total, complexity_max;
    EC_ARRAY(ec_import_fact) imports;
    EC_ARRAY(ec_definition_fact) definitions;
    EC_ARRAY(ec_env_fact) env;
    EC_ARRAY(ec_call_fact) calls; /* C/C++ files read with libclang; empty otherwise */
    EC_ARRAY(ec_migration_flag_fact) migration_flags; /* source files, tests aside */
} ec_file_fact;

typedef struct {
    const char *path;
    ec_skip_reason reason;
    const char *detail; /* evidence for the decision, e.g. "line 1: DO NOT EDIT"; may be "" */
} ec_skip_fact;

typedef struct {
    const char *name;
    const char *evidence; /* "manifest:<path>#<key>" or "" when it is the directory name */
} ec_fact_value;

/*
 * Build and deployment facts (analyzer/manifest*.c). Names are as the
 * manifests spell them; graph/ merges and links them. Every item carries
 * its evidence: "manifest:<path>#<key>" or "<path>:<line>".
 */

/* Something a manifest builds or runs: a target, a package, a service. */
typedef struct {
    const char *name;
    const char *kind;       /* model.json's: executable, library, service, database, cache,
                               queue, frontend, job */
    const char *technology; /* "C", "Go", "Node.js", "PostgreSQL (image postgres:16)" */
    const char *path;       /* the directory it is built from, root-relative; "." for the root,
                               "" when it is run from an image and not built here */
    const char *image;      /* the image it runs when not built here (compose), else "" */
    bool name_from_dir;     /* the name is the directory's, not declared by the manifest */
    const char *labels;     /* Kubernetes pod labels as "key=value\n" lines, else "" */
    const char *evidence;
    EC_ARRAY(const char *) files; /* sources the manifest assigns to it, root-relative */
} ec_container_fact;

/* A package the project depends on. */
typedef struct {
    const char *name;      /* as its ecosystem names it */
    const char *version;   /* the constraint as written, "" when none */
    const char *ecosystem; /* "npm", "pypi", "go", "cargo", "maven", "system" */
    const char *scope;     /* "runtime", "dev", "test", "build", "optional", "peer" */
    const char *evidence;
} ec_dependency_fact;

/* A relation declared by a manifest between two containers (by name), or
 * from a container to an external system. */
typedef struct {
    const char *from, *to;
    const char *kind;       /* model.json's: uses, calls, includes, ... */
    const char *technology; /* "linking", "HTTP", "gRPC", "SQL", "" */
    const char *evidence;
} ec_relation_fact;

/* A network name that leads to containers: a Kubernetes Service, whose
 * selector picks the workloads with those pod labels. */
typedef struct {
    const char *name;
    const char *selector; /* "key=value\n" lines */
    const char *evidence;
} ec_address_fact;

/* A value a Kubernetes ConfigMap holds, with the host it names when it
 * reads as a network address ("orders:8080", "http://orders/"). */
typedef struct {
    const char *map, *key, *value;
    const char *host, *scheme; /* "" when the value is no address */
    const char *evidence;
} ec_config_fact;

/* A workload's environment taken from a ConfigMap: one key as a variable
 * (env valueFrom.configMapKeyRef) or every key under its own name
 * (envFrom.configMapRef: key and variable ""). */
typedef struct {
    const char *workload, *map, *key, *variable;
    const char *evidence;
} ec_config_use;

/* How the system is run and operated, as its files say (model.json's
 * "operations"): kind is one of
 *   deployment   name: "docker-compose", "kubernetes", "helm", "procfile", "systemd"
 *   health       name: the endpoint ("/healthz"), detail: what checks it
 *   environment  name: a variable, detail: its example or default value
 *   migration    name: the tool ("Alembic"), detail: the command that applies migrations
 *   process      name: a process type or unit, detail: its command
 *   ci           name: "workflow/job", detail: a command the job runs
 *   port         name: a container, detail: a port it exposes or publishes
 *   command      name: a container, detail: how it is started (ENTRYPOINT, CMD)
 *   volume       name: a container, detail: a volume it mounts
 *   script       name: a package.json script, detail: its command */
typedef struct {
    const char *kind, *name, *detail, *evidence;
} ec_operation_fact;

/* One operation of an API a file declares (a gRPC method). */
typedef struct {
    const char *method; /* "RPC" for gRPC */
    const char *path;   /* "/shop.Orders/PlaceOrder" */
    unsigned line;
} ec_api_operation;

/* A place in the code that implements or calls an API (analyzer/grpc.c). */
typedef struct {
    const char *file;
    unsigned line;
    bool implements; /* else calls */
} ec_api_use;

/* An API declared in the repository: a gRPC service of a .proto file. */
typedef struct {
    const char *file;
    const char *title; /* "shop.Orders" */
    const char *kind;  /* "grpc" */
    EC_ARRAY(ec_api_operation) operations;
    EC_ARRAY(ec_api_use) uses; /* in path order; one per file and role */
} ec_api_fact;

/* Declared owners of paths (CODEOWNERS). */
typedef struct {
    const char *pattern;
    const char *owners; /* space-separated, as written */
    const char *evidence;
} ec_owner_fact;

/* A system outside the repository that it talks to (catalog/external-systems.tsv
 * names it from a client library, an image or a URL). */
typedef struct {
    const char *name;
    const char *kind; /* database, cache, queue, storage, email, payment, ... */
    const char *evidence;
} ec_external_fact;

typedef struct {
    ec_arena arena;
    ec_diag_sink diags;

    /* Repository state (analyzer/repo.c). */
    bool is_git;
    bool dirty;              /* work tree differs from HEAD */
    const char *revision;    /* HEAD commit id, "" without commits */
    const char *commit_date; /* ISO 8601 UTC date of HEAD's commit, "" without commits */
    const char *describe;    /* git describe --tags --always, "" when no commit */
    const char *branch;      /* current branch, "" when detached or not git */
    bool shallow;

    /* Project identity (analyzer/identity.c). */
    ec_fact_value name;
    ec_fact_value version;

    EC_ARRAY(ec_file_fact) files;
    EC_ARRAY(ec_skip_fact) skipped;

    /* Build and deployment files (analyzer/manifest.c). */
    EC_ARRAY(ec_container_fact) containers;
    EC_ARRAY(ec_dependency_fact) dependencies;
    EC_ARRAY(ec_relation_fact) relations;
    EC_ARRAY(ec_external_fact) externals; /* analyzer/systems.c */
    EC_ARRAY(ec_address_fact) addresses;
    EC_ARRAY(ec_config_fact) configs;
    EC_ARRAY(ec_config_use) config_uses;
    EC_ARRAY(ec_operation_fact) operations;
    EC_ARRAY(ec_owner_fact) owners;
    EC_ARRAY(ec_api_fact) apis;

    EC_ARRAY(ec_arena *) arenas; /* filled by worker threads, owned here */
} ec_facts;

void ec_facts_init(ec_facts *facts);
void ec_facts_release(ec_facts *facts);

/* Take ownership of a heap-allocated arena (a worker thread's strings). */
void ec_facts_adopt_arena(ec_facts *facts, ec_arena *arena);

/* Free a file fact's arrays (its strings belong to an arena). */
void ec_file_fact_release(ec_file_fact *file);

/* Whether path (root-relative) is one of facts->files. */
bool ec_facts_has_file(const ec_facts *facts, const char *path);

/* Record a skipped path; path and detail are copied into the arena. */
void ec_facts_skip(ec_facts *facts, const char *path, ec_skip_reason reason, const char *detail);

#endif
