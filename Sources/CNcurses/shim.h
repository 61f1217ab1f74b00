// Wrappers for the ncurses macros and mutable globals that Swift 6 cannot import
// (or rejects as not concurrency-safe). Nothing else belongs here.
#ifndef PANTAU_CNCURSES_SHIM_H
#define PANTAU_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *pantau_stdscr(void) { return stdscr; }
static inline int pantau_lines(void) { return LINES; }
static inline int pantau_cols(void) { return COLS; }
static inline int pantau_colors(void) { return COLORS; }
static inline int pantau_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *pantau_stdin(void) { return stdin; }
static inline FILE *pantau_stdout(void) { return stdout; }

static inline attr_t pantau_a_normal(void) { return A_NORMAL; }
static inline attr_t pantau_a_bold(void) { return A_BOLD; }
static inline attr_t pantau_a_reverse(void) { return A_REVERSE; }
static inline attr_t pantau_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pantau_a_dim(void) { return A_DIM; }

/* Mouse event masks are macros (some built from other macros): not imported. */
static inline mmask_t pantau_mouse_mask(void) { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t pantau_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t pantau_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t pantau_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t pantau_wheel_down(void) { return BUTTON5_PRESSED; }

/* tigetstr returns (char *)-1 for a capability that is not a string; Swift cannot
   compare a pointer with -1 easily, so answer the only question we ask. */
static inline int pantau_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

static inline int pantau_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

#endif
