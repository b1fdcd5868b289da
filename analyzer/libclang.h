/*
 * libclang.h - libclang's functions, loaded when a compile database needs them.
 *
 * Linking libclang would cost every run, with a database or not, about 35 ms
 * before main (LLVM's relocations and static initialisers) and 50 MB of
 * memory. It is opened with dlopen the first time ec_libclang_load() is called
 * and stays loaded until the process ends: $ETACODEX_LIBCLANG when set (a
 * file name or path), else the SONAME of the libclang the build found.
 *
 * Adding a function analyzer/clang.c calls: one line in EC_LIBCLANG_FUNCTIONS.
 * Each member has the type of a pointer to the function of the same name
 * in libclang's headers, so calls read lc->clang_getCString(s).
 */
#ifndef EC_ANALYZER_LIBCLANG_H
#define EC_ANALYZER_LIBCLANG_H

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

#define EC_LIBCLANG_FUNCTIONS(X)                                                                   \
    X(clang_CompilationDatabase_dispose)                                                           \
    X(clang_CompilationDatabase_fromDirectory)                                                     \
    X(clang_CompilationDatabase_getAllCompileCommands)                                             \
    X(clang_CompileCommand_getArg)                                                                 \
    X(clang_CompileCommand_getDirectory)                                                           \
    X(clang_CompileCommand_getFilename)                                                            \
    X(clang_CompileCommand_getNumArgs)                                                             \
    X(clang_CompileCommands_dispose)                                                               \
    X(clang_CompileCommands_getCommand)                                                            \
    X(clang_CompileCommands_getSize)                                                               \
    X(clang_Cursor_isAnonymous)                                                                    \
    X(clang_Cursor_isNull)                                                                         \
    X(clang_File_isEqual)                                                                          \
    X(clang_File_tryGetRealPathName)                                                               \
    X(clang_createIndex)                                                                           \
    X(clang_disposeDiagnostic)                                                                     \
    X(clang_disposeIndex)                                                                          \
    X(clang_disposeString)                                                                         \
    X(clang_disposeTranslationUnit)                                                                \
    X(clang_getCString)                                                                            \
    X(clang_getCXXAccessSpecifier)                                                                 \
    X(clang_getCanonicalCursor)                                                                    \
    X(clang_getClangVersion)                                                                       \
    X(clang_getCursorDefinition)                                                                   \
    X(clang_getCursorExtent)                                                                       \
    X(clang_getCursorKind)                                                                         \
    X(clang_getCursorLanguage)                                                                     \
    X(clang_getCursorLinkage)                                                                      \
    X(clang_getCursorLocation)                                                                     \
    X(clang_getCursorReferenced)                                                                   \
    X(clang_getCursorSemanticParent)                                                               \
    X(clang_getCursorSpelling)                                                                     \
    X(clang_getCursorUSR)                                                                          \
    X(clang_getDiagnostic)                                                                         \
    X(clang_getDiagnosticLocation)                                                                 \
    X(clang_getDiagnosticSeverity)                                                                 \
    X(clang_getExpansionLocation)                                                                  \
    X(clang_getFileContents)                                                                       \
    X(clang_getFileName)                                                                           \
    X(clang_getInclusions)                                                                         \
    X(clang_getNumDiagnostics)                                                                     \
    X(clang_getRangeStart)                                                                         \
    X(clang_getSpecializedCursorTemplate)                                                          \
    X(clang_getSpellingLocation)                                                                   \
    X(clang_getTranslationUnitCursor)                                                              \
    X(clang_isCursorDefinition)                                                                    \
    X(clang_parseTranslationUnit2FullArgv)                                                         \
    X(clang_visitChildren)

typedef struct {
#define EC_LIBCLANG_MEMBER(name) __typeof__(&name) name;
    EC_LIBCLANG_FUNCTIONS(EC_LIBCLANG_MEMBER)
#undef EC_LIBCLANG_MEMBER
} ec_libclang;

/* The loaded functions; NULL, with the reason in ec_error_last(), when the
 * library or one of its functions cannot be found. Thread-safe; the first
 * call loads, later calls return the same table (or NULL again). */
const ec_libclang *ec_libclang_load(void);

#endif
