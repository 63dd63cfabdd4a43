#ifndef KEFU_CNCURSESW_SHIM_H
#define KEFU_CNCURSESW_SHIM_H
/* Wide-character ncurses for Swift. Macros and globals that Swift cannot see are wrapped
   in static inline functions, the way GRDB wraps SQLite. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *kefu_stdscr(void) { return stdscr; }
static inline FILE *kefu_stdout(void) { return stdout; }
static inline FILE *kefu_stdin(void) { return stdin; }
static inline int kefu_lines(void) { return LINES; }
static inline int kefu_cols(void) { return COLS; }
static inline int kefu_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int kefu_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int kefu_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int kefu_a_bold(void) { return (int)A_BOLD; }
static inline int kefu_a_reverse(void) { return (int)A_REVERSE; }
static inline int kefu_a_underline(void) { return (int)A_UNDERLINE; }
static inline int kefu_a_dim(void) { return (int)A_DIM; }
static inline int kefu_key_resize(void) { return KEY_RESIZE; }
static inline int kefu_key_code_yes(void) { return KEY_CODE_YES; }
static inline int kefu_err(void) { return ERR; }

/* Writes one cell: a base character plus up to four combining marks, with attributes. */
static inline int kefu_put_cell(WINDOW *w, int y, int x, const wchar_t *chars, int attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, (attr_t)attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cell);
}

/* Writes the bottom-right cell without moving the cursor past the edge (which would scroll). */
static inline int kefu_put_cell_insert(WINDOW *w, int y, int x, const wchar_t *chars, int attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, (attr_t)attrs, pair, NULL) == ERR) return ERR;
    if (wmove(w, y, x) == ERR) return ERR;
    return wins_wch(w, &cell);
}

/* Reads back the text of one cell (for tests against a newterm screen). */
static inline int kefu_read_cell(WINDOW *w, int y, int x, wchar_t *out, int capacity) {
    cchar_t cell;
    attr_t attrs; short pair;
    if (mvwin_wch(w, y, x, &cell) == ERR) return ERR;
    if (capacity < CCHARW_MAX + 1) return ERR;
    return getcchar(&cell, out, &attrs, &pair, NULL);
}

static inline int kefu_read_cell_attrs(WINDOW *w, int y, int x) {
    cchar_t cell; wchar_t text[CCHARW_MAX + 1]; attr_t attrs; short pair;
    if (mvwin_wch(w, y, x, &cell) == ERR) return ERR;
    getcchar(&cell, text, &attrs, &pair, NULL);
    return (int)(attrs & ~A_COLOR);
}

/* The colour pair ncurses holds for one cell (0: the terminal's own colours). */
static inline int kefu_read_cell_pair(WINDOW *w, int y, int x) {
    cchar_t cell; wchar_t text[CCHARW_MAX + 1]; attr_t attrs; short pair;
    if (mvwin_wch(w, y, x, &cell) == ERR) return ERR;
    getcchar(&cell, text, &attrs, &pair, NULL);
    return (int)pair;
}
#endif
