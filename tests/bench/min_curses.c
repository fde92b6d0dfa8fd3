/* The least a full-screen program can do: start curses, draw one frame
 * (a line at the top and one at the bottom) and wait for a key. The
 * reference for bench_startup. */
#include <curses.h>
#include <locale.h>

int
main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvaddstr(0, 0, "minimal");
	mvaddstr(LINES - 1, 0, "minimal frame drawn");
	refresh();
	getch();
	endwin();
	return 0;
}
