/*
 * manifest_readers.h - the readers manifest.c dispatches to, one per format.
 *
 * Each is defined in its own manifest_<format>.c and is listed, with the
 * file names it claims, in manifest.c's table. See manifest.h for what a
 * reader may do.
 */
#ifndef EC_ANALYZER_MANIFEST_READERS_H
#define EC_ANALYZER_MANIFEST_READERS_H

#include "analyzer/manifest.h"

void ec_read_go_mod(ec_manifest *m);          /* manifest_go.c */
void ec_read_package_json(ec_manifest *m);    /* manifest_npm.c */
void ec_read_pyproject(ec_manifest *m);       /* manifest_python.c */
void ec_read_setup_cfg(ec_manifest *m);       /* manifest_python.c */
void ec_read_setup_py(ec_manifest *m);        /* manifest_python.c */
void ec_read_requirements(ec_manifest *m);    /* manifest_python.c */
void ec_read_cargo_toml(ec_manifest *m);      /* manifest_cargo.c */
void ec_read_pom(ec_manifest *m);             /* manifest_java.c */
void ec_read_gradle(ec_manifest *m);          /* manifest_java.c */
void ec_read_gradle_settings(ec_manifest *m); /* manifest_java.c */
void ec_read_compose(ec_manifest *m);         /* manifest_compose.c */
void ec_read_dockerfile(ec_manifest *m);      /* manifest_docker.c */
void ec_read_kubernetes(ec_manifest *m);      /* manifest_k8s.c */
void ec_read_helm_chart(ec_manifest *m);      /* manifest_k8s.c */

/* After every file: variables taken from ConfigMaps, their values and the
 * relations their addresses make (manifest_k8s.c). */
void ec_k8s_resolve_config(ec_facts *facts);

void ec_read_procfile(ec_manifest *m);     /* manifest_ops.c */
void ec_read_systemd_unit(ec_manifest *m); /* manifest_ops.c */
void ec_read_env_example(ec_manifest *m);  /* manifest_ops.c */
void ec_read_codeowners(ec_manifest *m);   /* manifest_ops.c */

/* After every file: a systemd unit takes the name of the program it runs
 * when the project builds one of that name (manifest_ops.c). */
void ec_systemd_resolve(ec_facts *facts);

void ec_read_github_workflow(ec_manifest *m); /* manifest_ci.c */
void ec_read_gitlab_ci(ec_manifest *m);       /* manifest_ci.c */
void ec_read_proto(ec_manifest *m);           /* manifest_proto.c */

void ec_read_cmake(ec_manifest *m);        /* manifest_cmake.c */
void ec_read_makefile(ec_manifest *m);     /* manifest_make.c */
void ec_read_automake(ec_manifest *m);     /* manifest_make.c */
void ec_read_configure_ac(ec_manifest *m); /* manifest_autoconf.c */

#endif
