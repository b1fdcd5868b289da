/*
 * cmocka_all.h - the headers cmocka needs, in the order it needs them.
 */
#ifndef EC_TESTS_CMOCKA_ALL_H
#define EC_TESTS_CMOCKA_ALL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#endif
