#include "CHost.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Partial output files to remove when a signal ends the process: a fixed table of slots, so
// that the handler only reads pointers (async-signal-safe) and calls unlink and _exit.
#define QINS_PARTIAL_SLOTS 1024
static _Atomic(char *) partial_files[QINS_PARTIAL_SLOTS];
static atomic_int received_signal = 0;
static atomic_int polling_runs = 0;

static void remove_partial_files(void) {
  for (int i = 0; i < QINS_PARTIAL_SLOTS; i++) {
    char *p = atomic_load(&partial_files[i]);
    if (p != NULL) unlink(p);
  }
}

static void on_signal(int sig) {
  int previous = 0;
  // The first signal, while a run polls: ask it to stop at its next instruction boundary.
  if (atomic_compare_exchange_strong(&received_signal, &previous, sig)
      && atomic_load(&polling_runs) > 0) {
    return;
  }
  // No run polls, or a second signal: end now, leaving no partial file.
  remove_partial_files();
  static const char message[] = "interrupted\n";
  (void)!write(2, message, sizeof message - 1);
  _exit(128 + sig);
}

void qins_install_interruption_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  // A parent may start us with the signals blocked (a test runner's threads do): unblock
  // them, or they would wait until the process ends.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int qins_received_signal(void) { return atomic_load(&received_signal); }

void qins_begin_polling(void) { atomic_fetch_add(&polling_runs, 1); }

void qins_end_polling(void) { atomic_fetch_sub(&polling_runs, 1); }

int qins_register_partial_file(const char *path) {
  char *copy = strdup(path);
  if (copy == NULL) return -1;
  for (int i = 0; i < QINS_PARTIAL_SLOTS; i++) {
    char *expected = NULL;
    if (atomic_compare_exchange_strong(&partial_files[i], &expected, copy)) return i;
  }
  free(copy);
  return -1;
}

void qins_unregister_partial_file(int slot) {
  if (slot < 0 || slot >= QINS_PARTIAL_SLOTS) return;
  char *p = atomic_exchange(&partial_files[slot], NULL);
  free(p);
}
