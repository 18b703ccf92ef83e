/*
 * timeout.exe for Wine 8 (Debian 12), which lacks it (Windows has it since
 * Vista): kiosk-session.cmd waits with "timeout /t 5 /nobreak" before it
 * starts the kiosk again. Test support only: make packagetest builds it into
 * its own Wine prefix; it is never shipped. It waits the seconds after /t
 * and takes no key (as /nobreak asks).
 */
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!_stricmp(argv[i], "/t")) {
			Sleep(1000 * (DWORD)atoi(argv[i + 1]));
			return 0;
		}
	return 1;
}
