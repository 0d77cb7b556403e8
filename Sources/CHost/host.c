#include "CHost.h"

#include <limits.h>  // also defines __GLIBC__ through <features.h> on glibc

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
