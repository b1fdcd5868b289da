#!/usr/bin/env python3
"""internal_imports.py - how many of a tree's imports that point into the
project did etacodex resolve to a project file?

    bench/internal_imports.py TREE MODEL_JSON [TOP]

TREE is the git work tree that was analysed, MODEL_JSON the model.json
etacodex wrote for it. Prints one JSON object:

    {"imports": all imports in model.json,
     "points_in": imports that point into the project (rules below),
     "resolved": those of them whose kind is "internal",
     "share": resolved / points_in (null when points_in is 0),
     "internal_elsewhere": imports etacodex made internal that the rules
                           below do not count (a check on the rules),
     "by_language": {language: {"points_in": n, "resolved": n}},
     "misses": the TOP (default 10) most frequent specs among the imports
               that point into the project but were not resolved:
               [{"language", "spec", "kind", "count", "example": "path:line"}]}

The rules decide from the tree alone, independently of etacodex's resolver,
whether an import points into the project. The project's files are those
`git ls-files` lists. An import points into the project when:

  every language   its spec is relative: starts with "./" or "../", or is
                   "." or "..";
  C, C++           it is a quoted #include (or #import) whose base name is
                   the base name of a project file; <...> includes never
                   count;
  Python           it is a relative import (`from .x import y`, `from . import
                   y`), or the first dotted component of its module names a
                   top-level module or package of the project (X.py, or a
                   directory X holding __init__.py, at the root or under
                   src/), or, in a script outside any package (its directory
                   has no __init__.py), a module or package beside it;
  Go               its path is the module path of a go.mod in the tree, or
                   starts with that path and "/";
  Java             its name starts with "P." for a package P that a .java
                   file of the project declares (`package P;`);
  Rust             its path starts with crate, self or super, or with the
                   name of a crate whose Cargo.toml is in the tree ([package]
                   or [lib] name, "-" read as "_"); every `mod name;`
                   declaration counts too;
  JavaScript, TypeScript (and JSX/TSX, Vue, Svelte)
                   its spec is the name of a workspace package (the root
                   package.json's name, and the names of the package.json
                   files its "workspaces" or pnpm-workspace.yaml's "packages"
                   globs match) or starts with that name and "/"; or it
                   matches a "paths" alias of a tsconfig*.json / jsconfig.json
                   in the importing file's directory or above it; or it
                   matches an "imports" key ("#name") of the nearest
                   package.json above the importing file.

Languages with none of these rules contribute nothing.
"""
import collections
import fnmatch
import json
import os
import re
import subprocess
import sys

C_LANGS = {"C", "C++", "Objective-C", "Objective-C++", "C/C++ Header", "C Header", "C++ Header"}
JS_LANGS = {"JavaScript", "TypeScript", "TSX", "JSX", "Vue", "Svelte"}


def ls_files(tree):
    out = subprocess.run(["git", "-C", tree, "ls-files", "-z"], check=True,
                         stdout=subprocess.PIPE).stdout
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def read_text(tree, path):
    try:
        with open(os.path.join(tree, path), "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def strip_jsonc(text):
    """JSON with comments and trailing commas (tsconfig) to plain JSON."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def load_json(tree, path, lenient=False):
    text = read_text(tree, path)
    try:
        return json.loads(strip_jsonc(text) if lenient else text)
    except ValueError:
        return None


def glob_re(pattern):
    """A workspace glob (*, **) as a regular expression over directories."""
    pattern = pattern.strip().rstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("^" + "".join(out) + "$")


def pnpm_packages(tree):
    """The `packages:` list of pnpm-workspace.yaml (a plain block list)."""
    text = read_text(tree, "pnpm-workspace.yaml")
    globs, inside = [], False
    for line in text.splitlines():
        if re.match(r"^packages\s*:", line):
            inside = True
            continue
        if inside:
            m = re.match(r"^\s+-\s*['\"]?([^'\"#]+?)['\"]?\s*(#.*)?$", line)
            if m:
                globs.append(m.group(1))
            elif line.strip() and not line.lstrip().startswith("#"):
                break
    return globs


class Project:
    def __init__(self, tree):
        self.tree = tree
        self.files = ls_files(tree)
        fileset = set(self.files)
        self.basenames = {os.path.basename(p) for p in self.files}
        dirs_with_init = {os.path.dirname(p) for p in self.files if p.endswith("/__init__.py")}
        if "__init__.py" in fileset:
            dirs_with_init.add("")
        self.py_init_dirs = dirs_with_init
        self.py_files = {p for p in self.files if p.endswith((".py", ".pyi"))}

        # Python: top-level modules and packages, at the root or under src/
        self.py_top = set()
        for p in self.py_files:
            for base in ("", "src/"):
                if not p.startswith(base):
                    continue
                rest = p[len(base):]
                parts = rest.split("/")
                if len(parts) == 1:
                    self.py_top.add(re.sub(r"\.pyi?$", "", parts[0]))
                elif len(parts) == 2 and parts[1] == "__init__.py":
                    self.py_top.add(parts[0])

        # Go: module paths
        self.go_modules = []
        for p in self.files:
            if os.path.basename(p) == "go.mod":
                m = re.search(r"^module\s+\"?([^\s\"]+)", read_text(tree, p), re.M)
                if m:
                    self.go_modules.append(m.group(1))

        # Java: declared packages
        self.java_packages = set()
        for p in self.files:
            if p.endswith(".java"):
                m = re.search(r"^\s*package\s+([\w.]+)\s*;", read_text(tree, p), re.M)
                if m:
                    self.java_packages.add(m.group(1))

        # Rust: crate names
        self.rust_crates = set()
        for p in self.files:
            if os.path.basename(p) == "Cargo.toml":
                section = ""
                for line in read_text(tree, p).splitlines():
                    s = re.match(r"^\s*\[([^\]]+)\]", line)
                    if s:
                        section = s.group(1).strip()
                        continue
                    m = re.match(r'^\s*name\s*=\s*"([^"]+)"', line)
                    if m and section in ("package", "lib"):
                        self.rust_crates.add(m.group(1).replace("-", "_"))

        # JavaScript/TypeScript: workspace packages, path aliases, subpath imports
        self.package_jsons = {}
        for p in self.files:
            if os.path.basename(p) == "package.json" and "node_modules/" not in p:
                doc = load_json(tree, p)
                if isinstance(doc, dict):
                    self.package_jsons[os.path.dirname(p)] = doc
        root = self.package_jsons.get("", {})
        ws = root.get("workspaces", [])
        if isinstance(ws, dict):
            ws = ws.get("packages", [])
        globs = [g for g in list(ws) + pnpm_packages(tree) if isinstance(g, str)]
        include = [glob_re(g) for g in globs if not g.startswith("!")]
        exclude = [glob_re(g[1:]) for g in globs if g.startswith("!")]
        self.workspace = set()
        for d, doc in self.package_jsons.items():
            name = doc.get("name")
            if not isinstance(name, str) or not name:
                continue
            if d == "" or (any(r.match(d) for r in include) and not any(r.match(d) for r in exclude)):
                self.workspace.add(name)
        self.aliases = {}  # directory -> [alias pattern]
        for p in self.files:
            b = os.path.basename(p)
            if re.match(r"^(tsconfig.*|jsconfig)\.json$", b):
                doc = load_json(tree, p, lenient=True)
                paths = (doc or {}).get("compilerOptions", {}) if isinstance(doc, dict) else {}
                paths = paths.get("paths", {}) if isinstance(paths, dict) else {}
                if isinstance(paths, dict) and paths:
                    self.aliases.setdefault(os.path.dirname(p), []).extend(paths.keys())
        self._lines = {}

    def line(self, path, number):
        if path not in self._lines:
            self._lines[path] = read_text(self.tree, path).splitlines()
        lines = self._lines[path]
        return lines[number - 1] if 0 < number <= len(lines) else ""


def ancestors(path):
    d = os.path.dirname(path)
    while True:
        yield d
        if not d:
            return
        d = os.path.dirname(d)


def match_pattern(pattern, spec):
    """A tsconfig paths key or package.json imports key, with one `*`."""
    if "*" in pattern:
        return fnmatch.fnmatchcase(spec, pattern.replace("[", "[[]"))
    return spec == pattern


def points_in(proj, file, imp):
    lang = file.get("language", "")
    spec = imp.get("spec", "")
    line = proj.line(file["path"], imp.get("line", 0))
    if spec.startswith(("./", "../")) or spec in (".", ".."):
        if lang in C_LANGS:  # a C include is judged by the C rule below
            pass
        else:
            return True
    if lang in C_LANGS:
        m = re.match(r'^\s*#\s*(?:include|import)\s*"([^"]+)"', line)
        return bool(m) and os.path.basename(m.group(1)) in proj.basenames
    if lang == "Python":
        if re.match(r"^\s*from\s+\.", line):
            return True
        head = spec.split(".")[0]
        if not head:
            return False
        if head in proj.py_top:
            return True
        d = os.path.dirname(file["path"])
        if d not in proj.py_init_dirs:
            near = os.path.join(d, head) if d else head
            return (near + ".py" in proj.py_files or near + ".pyi" in proj.py_files
                    or near + "/__init__.py" in proj.py_files)
        return False
    if lang == "Go":
        return any(spec == m or spec.startswith(m + "/") for m in proj.go_modules)
    if lang == "Java":
        name = re.sub(r"^static\s+", "", spec)
        return any(name.startswith(p + ".") for p in proj.java_packages)
    if lang == "Rust":
        if re.match(r"^\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*;", line):
            return True
        head = spec.split("::")[0].lstrip(":")
        return head in ("crate", "self", "super") or head in proj.rust_crates
    if lang in JS_LANGS:
        if any(spec == w or spec.startswith(w + "/") for w in proj.workspace):
            return True
        for d in ancestors(file["path"]):
            if any(match_pattern(a, spec) for a in proj.aliases.get(d, ())):
                return True
        if spec.startswith("#"):
            for d in ancestors(file["path"]):
                if d in proj.package_jsons:
                    keys = proj.package_jsons[d].get("imports") or {}
                    return isinstance(keys, dict) and any(match_pattern(k, spec) for k in keys)
        return False
    return False


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write("usage: bench/internal_imports.py TREE MODEL_JSON [TOP]\n")
        return 2
    tree, model_path = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) == 4 else 10
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    proj = Project(tree)
    total = inward = resolved = elsewhere = 0
    by_lang = collections.defaultdict(lambda: {"points_in": 0, "resolved": 0})
    misses = collections.Counter()
    example = {}
    for file in model.get("files", []):
        for imp in file.get("imports", []):
            total += 1
            internal = imp.get("kind") == "internal"
            if not points_in(proj, file, imp):
                elsewhere += internal
                continue
            lang = file.get("language", "")
            inward += 1
            by_lang[lang]["points_in"] += 1
            if internal:
                resolved += 1
                by_lang[lang]["resolved"] += 1
            else:
                key = (lang, imp.get("spec", ""), imp.get("kind", ""))
                misses[key] += 1
                example.setdefault(key, "%s:%d" % (file["path"], imp.get("line", 0)))
    print(json.dumps({
        "imports": total,
        "points_in": inward,
        "resolved": resolved,
        "share": round(resolved / inward, 4) if inward else None,
        "internal_elsewhere": elsewhere,
        "by_language": dict(sorted(by_lang.items())),
        "misses": [{"language": k[0], "spec": k[1], "kind": k[2], "count": n, "example": example[k]}
                   for k, n in sorted(misses.items(), key=lambda kv: (-kv[1], kv[0]))[:top]],
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
