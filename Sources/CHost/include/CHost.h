#ifndef CHOST_H
#define CHOST_H

/// Tells glibc's allocator to serve large allocations from the heap rather than with mmap,
/// and never to trim the heap, so that freed memory is reused without page faults. Returns 1
/// if both settings were accepted, 0 otherwise (and on a C library other than glibc).
int qins_keep_freed_memory_for_reuse(void);

/// Flushes standard output. Returns 0 if everything written to it so far reached the file
/// or pipe, otherwise the error number of the failure (or -1 if only the error indicator
/// says a write failed).
int qins_flush_standard_output(void);

/// Registers an exit handler that flushes standard output and, if that fails (a full disk, a
/// closed pipe), prints the reason and ends the process with status 1, whatever path ended
/// it (a command's end, `--help`, an error exit).
void qins_check_standard_output_at_exit(void);

/// Handles SIGINT and SIGTERM: the first signal, while a simulation polls
/// (`qins_begin_polling`), is recorded for it to stop at its next instruction boundary;
/// otherwise, and on a second signal, every registered partial file is removed and the
/// process ends with status 128 + the signal's number.
void qins_install_interruption_handlers(void);

/// The signal received (SIGINT or SIGTERM), or 0.
int qins_received_signal(void);

/// A simulation starts or stops polling `qins_received_signal` (they nest).
void qins_begin_polling(void);
void qins_end_polling(void);

/// Registers a partial output file for removal if a signal ends the process; returns the
/// slot to unregister (or -1 when the table is full).
int qins_register_partial_file(const char *path);
void qins_unregister_partial_file(int slot);

#endif
