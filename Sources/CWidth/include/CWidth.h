#ifndef KEFU_CWIDTH_H
#define KEFU_CWIDTH_H
#include <stdint.h>
/* Column width of one Unicode scalar as the terminal (and ncurses) will draw it:
   0 for combining marks, 2 for wide East Asian characters and emoji, 1 otherwise,
   -1 for non-printables. Uses a UTF-8 C locale for the calling thread only, so the
   answer does not depend on the process locale. */
int kefu_wcwidth(uint32_t scalar);
#endif
