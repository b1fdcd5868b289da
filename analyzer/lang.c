/*
 * lang.c - the language table and its lookups (see lang.h).
 *
 * Names follow what people call the language (and mostly what cloc and
 * GitHub call it). ".h" is C: a C++ project's headers are usually .hpp/.hh
 * or sit beside .cc files, which the source analysis can tell; the walk can
 * not. Case matters for ".C"/".H" (C++ on Unix); other extensions are
 * compared without case.
 */
#include "analyzer/lang.h"

#include <string.h>
#include <strings.h>

#include "util/path.h"

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE      ((const char *const[]){NULL})

#define C_LIKE         LIST("//"), "/*", "*/", false
#define HASH           LIST("#"), NULL, NULL, false
#define MARKUP_COMMENT NONE, "<!--", "-->", false

static const ec_lang table[] = {
    {"C", EC_LANG_PROGRAMMING, LIST("c", "h"), NONE, NONE, C_LIKE, "\"'", false},
    {"C++", EC_LANG_PROGRAMMING,
     LIST("cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp", "tpp", "inl", "C", "H",
          "cppm", "ixx"),
     NONE, NONE, C_LIKE, "\"'", false},
    {"Objective-C", EC_LANG_PROGRAMMING, LIST("m", "mm"), NONE, NONE, C_LIKE, "\"'", false},
    {"C#", EC_LANG_PROGRAMMING, LIST("cs", "csx"), NONE, NONE, C_LIKE, "\"'", false},
    {"Java", EC_LANG_PROGRAMMING, LIST("java"), NONE, NONE, C_LIKE, "\"'", false},
    {"Kotlin", EC_LANG_PROGRAMMING, LIST("kt", "kts"), NONE, LIST("kotlin"), C_LIKE, "\"'", false},
    {"Scala", EC_LANG_PROGRAMMING, LIST("scala", "sc"), NONE, LIST("scala"), C_LIKE, "\"'", false},
    {"Groovy", EC_LANG_PROGRAMMING, LIST("groovy", "gradle", "gvy"), LIST("Jenkinsfile"),
     LIST("groovy"), C_LIKE, "\"'", false},
    {"JavaScript", EC_LANG_PROGRAMMING, LIST("js", "mjs", "cjs", "jsx"), NONE,
     LIST("node", "nodejs", "deno", "bun"), C_LIKE, "\"'`", false},
    {"TypeScript", EC_LANG_PROGRAMMING, LIST("ts", "mts", "cts"), NONE, LIST("ts-node", "tsx"),
     C_LIKE, "\"'`", false},
    {"TSX", EC_LANG_PROGRAMMING, LIST("tsx"), NONE, NONE, C_LIKE, "\"'`", false},
    {"Go", EC_LANG_PROGRAMMING, LIST("go"), NONE, NONE, C_LIKE, "\"'`", false},
    {"Rust", EC_LANG_PROGRAMMING, LIST("rs"), NONE, NONE, LIST("//"), "/*", "*/", true, "\"",
     false},
    {"Swift", EC_LANG_PROGRAMMING, LIST("swift"), NONE, NONE, LIST("//"), "/*", "*/", true, "\"",
     false},
    {"Dart", EC_LANG_PROGRAMMING, LIST("dart"), NONE, NONE, C_LIKE, "\"'", false},
    {"Zig", EC_LANG_PROGRAMMING, LIST("zig"), NONE, NONE, LIST("//"), NULL, NULL, false, "\"'",
     false},
    {"PHP", EC_LANG_PROGRAMMING, LIST("php", "phtml"), NONE, LIST("php"), LIST("//", "#"), "/*",
     "*/", false, "\"'", false},
    {"Python", EC_LANG_PROGRAMMING, LIST("py", "pyi", "pyw"), LIST("SConstruct", "SConscript"),
     LIST("python", "python2", "python3", "pypy", "pypy3"), HASH, "\"'", true},
    {"Ruby", EC_LANG_PROGRAMMING, LIST("rb", "rake", "gemspec"),
     LIST("Rakefile", "Gemfile", "Vagrantfile", "Podfile", "Fastfile"), LIST("ruby"), LIST("#"),
     "=begin", "=end", false, "\"'", false},
    {"Perl", EC_LANG_PROGRAMMING, LIST("pl", "pm", "t"), NONE, LIST("perl"), LIST("#"), "=pod",
     "=cut", false, "\"'", false},
    {"Shell", EC_LANG_PROGRAMMING, LIST("sh", "bash", "zsh", "ksh", "bats"),
     LIST(".bashrc", ".bash_profile", ".profile", ".zshrc"),
     LIST("sh", "bash", "zsh", "ksh", "dash", "ash"), HASH, "\"'", false},
    {"Fish", EC_LANG_PROGRAMMING, LIST("fish"), NONE, LIST("fish"), HASH, "\"'", false},
    {"PowerShell", EC_LANG_PROGRAMMING, LIST("ps1", "psm1", "psd1"), NONE, LIST("pwsh"), LIST("#"),
     "<#", "#>", false, "\"'", false},
    {"Batch", EC_LANG_PROGRAMMING, LIST("bat", "cmd"), NONE, NONE, LIST("REM ", "rem ", "::"), NULL,
     NULL, false, "\"", false},
    {"Lua", EC_LANG_PROGRAMMING, LIST("lua"), NONE, LIST("lua", "luajit"), LIST("--"), "--[[", "]]",
     false, "\"'", false},
    {"R", EC_LANG_PROGRAMMING, LIST("r", "R"), NONE, LIST("Rscript"), HASH, "\"'", false},
    {"Julia", EC_LANG_PROGRAMMING, LIST("jl"), NONE, LIST("julia"), LIST("#"), "#=", "=#", true,
     "\"", false},
    {"Haskell", EC_LANG_PROGRAMMING, LIST("hs", "lhs"), NONE, LIST("runhaskell"), LIST("--"), "{-",
     "-}", true, "\"", false},
    {"OCaml", EC_LANG_PROGRAMMING, LIST("ml", "mli"), NONE, LIST("ocaml"), NONE, "(*", "*)", true,
     "\"", false},
    {"Elixir", EC_LANG_PROGRAMMING, LIST("ex", "exs"), NONE, LIST("elixir"), HASH, "\"'", false},
    {"Erlang", EC_LANG_PROGRAMMING, LIST("erl", "hrl"), NONE, LIST("escript"), LIST("%"), NULL,
     NULL, false, "\"", false},
    {"Clojure", EC_LANG_PROGRAMMING, LIST("clj", "cljs", "cljc", "edn"), NONE, NONE, LIST(";"),
     NULL, NULL, false, "\"", false},
    {"Lisp", EC_LANG_PROGRAMMING, LIST("lisp", "lsp", "el", "scm", "ss", "rkt"), NONE,
     LIST("sbcl", "guile", "racket"), LIST(";"), "#|", "|#", true, "\"", false},
    {"Assembly", EC_LANG_PROGRAMMING, LIST("s", "S", "asm", "nasm"), NONE, NONE, LIST(";", "//"),
     "/*", "*/", false, "\"", false},
    {"Fortran", EC_LANG_PROGRAMMING, LIST("f90", "f95", "f03", "f08", "f", "for"), NONE, NONE,
     LIST("!"), NULL, NULL, false, "\"'", false},
    {"Ada", EC_LANG_PROGRAMMING, LIST("adb", "ads"), NONE, NONE, LIST("--"), NULL, NULL, false,
     "\"", false},
    {"Pascal", EC_LANG_PROGRAMMING, LIST("pas", "pp", "dpr"), NONE, NONE, LIST("//"), "{", "}",
     false, "'", false},
    {"Tcl", EC_LANG_PROGRAMMING, LIST("tcl"), NONE, LIST("tclsh", "wish"), HASH, "\"", false},
    {"Vim Script", EC_LANG_PROGRAMMING, LIST("vim"), LIST(".vimrc"), NONE, LIST("\""), NULL, NULL,
     false, "'", false},
    {"SQL", EC_LANG_PROGRAMMING, LIST("sql", "psql", "plsql"), NONE, NONE, LIST("--"), "/*", "*/",
     false, "'\"", false},
    {"Yacc", EC_LANG_PROGRAMMING, LIST("y", "yy", "ypp"), NONE, NONE, C_LIKE, "\"'", false},
    {"Lex", EC_LANG_PROGRAMMING, LIST("l", "ll", "lex"), NONE, NONE, C_LIKE, "\"'", false},
    {"Solidity", EC_LANG_PROGRAMMING, LIST("sol"), NONE, NONE, C_LIKE, "\"'", false},
    {"Nim", EC_LANG_PROGRAMMING, LIST("nim"), NONE, NONE, LIST("#"), "#[", "]#", true, "\"", false},
    {"V", EC_LANG_PROGRAMMING, LIST("v"), NONE, NONE, C_LIKE, "\"'", false},
    {"HTML", EC_LANG_MARKUP, LIST("html", "htm", "xhtml"), NONE, NONE, MARKUP_COMMENT, "", false},
    {"Vue", EC_LANG_MARKUP, LIST("vue"), NONE, NONE, MARKUP_COMMENT, "", false},
    {"Svelte", EC_LANG_MARKUP, LIST("svelte"), NONE, NONE, MARKUP_COMMENT, "", false},
    {"XML", EC_LANG_MARKUP,
     LIST("xml", "xsd", "xsl", "xslt", "svg", "plist", "csproj", "props", "targets", "wsdl"),
     LIST("pom.xml"), NONE, MARKUP_COMMENT, "", false},
    {"CSS", EC_LANG_MARKUP, LIST("css"), NONE, NONE, NONE, "/*", "*/", false, "\"'", false},
    {"SCSS", EC_LANG_MARKUP, LIST("scss", "sass", "less"), NONE, NONE, C_LIKE, "\"'", false},
    {"Markdown", EC_LANG_PROSE, LIST("md", "markdown", "mdx"), NONE, NONE, MARKUP_COMMENT, "",
     false},
    {"reStructuredText", EC_LANG_PROSE, LIST("rst"), NONE, NONE, NONE, NULL, NULL, false, "",
     false},
    {"AsciiDoc", EC_LANG_PROSE, LIST("adoc", "asciidoc"), NONE, NONE, LIST("//"), NULL, NULL, false,
     "", false},
    {"TeX", EC_LANG_PROSE, LIST("tex", "sty", "cls", "bib"), NONE, NONE, LIST("%"), NULL, NULL,
     false, "", false},
    {"Text", EC_LANG_PROSE, LIST("txt"),
     LIST("README", "LICENSE", "COPYING", "AUTHORS", "NEWS", "ChangeLog", "CHANGELOG",
          "CONTRIBUTORS", "NOTICE", "INSTALL", "TODO", "MANIFEST.in"),
     NONE, NONE, NULL, NULL, false, "", false},
    {"PO", EC_LANG_DATA, LIST("po", "pot"), NONE, NONE, HASH, "\"", false},
    {"JSON", EC_LANG_DATA, LIST("json", "jsonc", "json5", "geojson", "webmanifest"),
     LIST(".babelrc", ".eslintrc", ".prettierrc"), NONE, NONE, NULL, NULL, false, "", false},
    {"YAML", EC_LANG_DATA, LIST("yaml", "yml"), LIST(".clang-format", ".clang-tidy"), NONE, HASH,
     "", false},
    {"TOML", EC_LANG_DATA, LIST("toml"), LIST("Cargo.lock", "Pipfile", "poetry.lock"), NONE, HASH,
     "", false},
    {"INI", EC_LANG_DATA, LIST("ini", "cfg", "conf", "properties", "editorconfig"),
     LIST(".editorconfig", ".gitconfig", "setup.cfg", "tox.ini", ".flake8", ".pylintrc",
          ".coveragerc"),
     NONE, LIST(";", "#"), NULL, NULL, false, "", false},
    {"CSV", EC_LANG_DATA, LIST("csv", "tsv"), NONE, NONE, NONE, NULL, NULL, false, "", false},
    {"Protocol Buffers", EC_LANG_DATA, LIST("proto"), NONE, NONE, C_LIKE, "\"'", false},
    {"GraphQL", EC_LANG_DATA, LIST("graphql", "gql"), NONE, NONE, HASH, "\"", false},
    {"Thrift", EC_LANG_DATA, LIST("thrift"), NONE, NONE, LIST("//", "#"), "/*", "*/", false, "\"'",
     false},
    {"Git config", EC_LANG_DATA, NONE,
     LIST(".gitignore", ".gitattributes", ".gitmodules", ".dockerignore", ".npmignore", ".mailmap",
          "CODEOWNERS"),
     NONE, HASH, "", false},
    {"Go module", EC_LANG_BUILD, NONE, LIST("go.mod", "go.work"), NONE, LIST("//"), NULL, NULL,
     false, "\"", false},
    {"Go checksums", EC_LANG_DATA, NONE, LIST("go.sum", "go.work.sum"), NONE, NONE, NULL, NULL,
     false, "", false},
    {"CMake", EC_LANG_BUILD, LIST("cmake"), LIST("CMakeLists.txt"), NONE, LIST("#"), "#[[", "]]",
     false, "\"", false},
    {"Makefile", EC_LANG_BUILD, LIST("mk", "mak", "make"),
     LIST("Makefile", "makefile", "GNUmakefile", "Makefile.am", "Makefile.in", "BSDmakefile"),
     LIST("make"), HASH, "", false},
    {"Dockerfile", EC_LANG_BUILD, LIST("dockerfile", "containerfile"),
     LIST("Dockerfile", "Containerfile"), NONE, HASH, "", false},
    {"Autoconf", EC_LANG_BUILD, LIST("ac", "m4"), LIST("configure.ac", "configure.in"), NONE,
     LIST("dnl", "#"), NULL, NULL, false, "", false},
    {"Meson", EC_LANG_BUILD, NONE, LIST("meson.build", "meson_options.txt", "meson.options"), NONE,
     HASH, "'", false},
    {"Starlark", EC_LANG_BUILD, LIST("bzl", "star", "bazel"),
     LIST("BUILD", "BUILD.bazel", "WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel", "Tiltfile"), NONE,
     HASH, "\"'", false},
    {"Nix", EC_LANG_BUILD, LIST("nix"), NONE, NONE, LIST("#"), "/*", "*/", false, "\"", false},
    {"HCL", EC_LANG_BUILD, LIST("tf", "tfvars", "hcl"), NONE, NONE, LIST("#", "//"), "/*", "*/",
     false, "\"", false},
    {"Procfile", EC_LANG_BUILD, NONE, LIST("Procfile"), NONE, HASH, "", false},
    {"systemd unit", EC_LANG_BUILD, LIST("service", "socket", "timer", "mount", "target"), NONE,
     NONE, LIST("#", ";"), NULL, NULL, false, "", false},
    {"Jinja", EC_LANG_MARKUP, LIST("j2", "jinja", "jinja2"), NONE, NONE, NONE, "{#", "#}", false,
     "", false},
};

#define N_LANGS (sizeof(table) / sizeof(table[0]))

static bool in_list(const char *const *list, const char *s, bool nocase)
{
    for (; *list; list++)
        if (nocase ? strcasecmp(*list, s) == 0 : strcmp(*list, s) == 0)
            return true;
    return false;
}

static const ec_lang *by_filename(const char *base)
{
    size_t i;

    for (i = 0; i < N_LANGS; i++)
        if (in_list(table[i].filenames, base, false))
            return &table[i];
    /* Dockerfile.prod, prod.Dockerfile, Makefile.linux, requirements: by pattern */
    if (strncmp(base, "Dockerfile.", 11) == 0 || strncmp(base, "Containerfile.", 14) == 0)
        return ec_lang_find("Dockerfile");
    if (strncmp(base, "Makefile.", 9) == 0)
        return ec_lang_find("Makefile");
    if (strncmp(base, "requirements", 12) == 0 && strcmp(ec_path_extension(base), "txt") == 0)
        return ec_lang_find("Text");
    return NULL;
}

static const ec_lang *by_extension(const char *ext)
{
    size_t i;

    if (!*ext)
        return NULL;
    /* First pass: exact case (".C" is C++, ".R" is R); second: any case. */
    for (i = 0; i < N_LANGS; i++)
        if (in_list(table[i].extensions, ext, false))
            return &table[i];
    for (i = 0; i < N_LANGS; i++)
        if (in_list(table[i].extensions, ext, true))
            return &table[i];
    return NULL;
}

/* "#!/usr/bin/env -S python3.11 -u" -> "python3.11" -> python. */
static const ec_lang *by_shebang(const char *head, size_t len)
{
    char line[256], name[64];
    const char *p, *word;
    size_t n, i, w;

    if (!head || len < 3 || head[0] != '#' || head[1] != '!')
        return NULL;
    for (n = 0; n < len && n < sizeof(line) - 1 && head[n] != '\n'; n++)
        line[n] = head[n];
    line[n] = '\0';
    p = line + 2;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        word = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        w = (size_t)(p - word);
        if (w == 0)
            return NULL;
        /* basename of the word */
        for (i = w; i > 0 && word[i - 1] != '/'; i--)
            ;
        word += i;
        w -= i;
        if ((w == 3 && strncmp(word, "env", 3) == 0) || (w > 0 && word[0] == '-'))
            continue; /* /usr/bin/env and its flags: the interpreter comes next */
        break;
    }
    if (w >= sizeof(name))
        return NULL;
    memcpy(name, word, w);
    name[w] = '\0';
    /* python3.11 -> python3 -> python: strip a version suffix step by step */
    for (;;) {
        for (i = 0; i < N_LANGS; i++)
            if (in_list(table[i].interpreters, name, false))
                return &table[i];
        n = strlen(name);
        if (n == 0 || !((name[n - 1] >= '0' && name[n - 1] <= '9') || name[n - 1] == '.'))
            return NULL;
        name[n - 1] = '\0';
    }
}

const ec_lang *ec_lang_detect(const char *path, const char *head, size_t head_len)
{
    const char *base = ec_path_basename(path);
    const ec_lang *lang = by_filename(base);

    if (lang)
        return lang;
    lang = by_extension(ec_path_extension(base));
    if (lang)
        return lang;
    return by_shebang(head, head_len);
}

const char *ec_lang_name(const ec_lang *lang)
{
    return lang->name;
}

int ec_lang_kind(const ec_lang *lang)
{
    return lang->kind;
}

const ec_lang *ec_lang_find(const char *name)
{
    size_t i;

    for (i = 0; i < N_LANGS; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}
