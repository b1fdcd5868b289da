/*
 * identity.h - the project's name and version, as its own manifests state them.
 *
 * Looks at the root's manifests in a fixed order (package.json, Cargo.toml,
 * pyproject.toml, setup.cfg, CMakeLists.txt, configure.ac, go.mod) and takes
 * the first name and the first literal version found, each with its evidence
 * ("manifest:Cargo.toml#package.version"). Without a declared version the
 * version is git describe's; without a declared name, the root's directory
 * name. Values that are computed by the build (a version from a script or a
 * variable) are not literals and are not taken.
 *
 * Reads at most 256 KiB of each manifest. Full manifest reading (targets,
 * dependencies) belongs to the manifest readers, not here.
 */
#ifndef EC_ANALYZER_IDENTITY_H
#define EC_ANALYZER_IDENTITY_H

#include "analyzer/facts.h"
#include "analyzer/repo.h"

/* Fill facts->name and facts->version. Needs ec_repo_read_state() first. */
void ec_identity_read(ec_facts *facts, const ec_repo *repo);

#endif
