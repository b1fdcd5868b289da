/*
 * error.h - error codes and the per-thread last-error message.
 *
 * Every fallible function of the project returns int: 0 on success, one of
 * the negative EC_E* codes on failure, after recording a message once with
 * ec_error_set(). The caller that finally reports the failure reads it with
 * ec_error_last(). Messages follow the house style: lowercase, no full stop,
 * the subject quoted ("cannot open 'x.yaml': No such file or directory").
 *
 * The message lives in thread-local storage, so worker threads never see each
 * other's errors. ec_error_last() returns a borrowed string valid until the
 * next ec_error_set() on the same thread.
 */
#ifndef EC_UTIL_ERROR_H
#define EC_UTIL_ERROR_H

enum {
    EC_OK = 0,
    EC_EFAIL = -1,     /* generic failure, message set */
    EC_EUSAGE = -2,    /* bad command line */
    EC_EINPUT = -3,    /* unreadable or invalid input */
    EC_ETOOBIG = -4,   /* a size cap was reached */
    EC_ENOTFOUND = -5, /* the thing looked for does not exist */
    EC_EINTERNAL = -6  /* a bug or an environment failure (out of disk, ...) */
};

/* Record the message of the current failure (printf format) and return code. */
int ec_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The last message recorded on this thread; "" when none. Borrowed. */
const char *ec_error_last(void);

/* Forget the last message. */
void ec_error_clear(void);

#endif
