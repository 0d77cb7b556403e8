#include "CHost.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>  // also defines __GLIBC__ through <features.h> on glibc
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>

int qins_keep_freed_memory_for_reuse(void) {
  int a = mallopt(M_MMAP_MAX, 0);
  int b = mallopt(M_TRIM_THRESHOLD, INT_MAX);
  return a == 1 && b == 1;
}
#else
int qins_keep_freed_memory_for_reuse(void) { return 0; }
#endif

int qins_flush_standard_output(void) {
  if (fflush(stdout) != 0) return errno != 0 ? errno : -1;
  return ferror(stdout) ? -1 : 0;
}


static void qins_standard_output_at_exit(void) {
  int code = qins_flush_standard_output();
  if (code == 0) return;
  fprintf(stderr, "Error: standard output: cannot write (%s)\n",
          code > 0 ? strerror(code) : "a write failed");
  _exit(1);
}

void qins_check_standard_output_at_exit(void) { atexit(qins_standard_output_at_exit); }
