/*
 * fuzz.h - the one entry point every fuzz target defines.
 *
 * Each fuzz/fuzz_<name>.c feeds arbitrary bytes to one parser of untrusted
 * input and checks what must hold whatever the bytes (no crash, no leak,
 * no undefined behaviour, plus the target's own invariants, asserted with
 * FUZZ_CHECK). Built two ways (fuzz/CMakeLists.txt): with libFuzzer to
 * search for inputs (fuzz/run.sh), and with replay.c as a plain program
 * that runs the committed corpus as a regression test under ctest.
 */
#ifndef EC_FUZZ_H
#define EC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant broken: report it and abort, so both drivers stop there. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
