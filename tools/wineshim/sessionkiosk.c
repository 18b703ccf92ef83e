/*
 * A stand-in kiosk.exe for make packagetest's run of kiosk-session.cmd under
 * Wine: each start appends a line to runs.txt beside it (the milliseconds
 * since the system started, then its arguments) and exits as a kiosk would
 * in turn: 1 (a crash), 0 (stopped), then 3 (an admin left kiosk mode, after
 * which the session must end). Test support only; never shipped.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
	char path[MAX_PATH], line[512];
	DWORD n = GetModuleFileNameA(NULL, path, MAX_PATH);
	if (n == 0 || n >= MAX_PATH - 16)
		return 2;
	char *slash = strrchr(path, '\\');
	if (slash)
		slash[1] = 0;
	strcat(path, "runs.txt");
	int runs = 0;
	FILE *f = fopen(path, "r");
	if (f) {
		while (fgets(line, sizeof line, f))
			runs++;
		fclose(f);
	}
	f = fopen(path, "a");
	if (!f)
		return 2;
	fprintf(f, "%lu", (unsigned long)GetTickCount());
	for (int i = 1; i < argc; i++)
		fprintf(f, " %s", argv[i]);
	fprintf(f, "\n");
	fclose(f);
	return runs == 0 ? 1 : runs == 1 ? 0 : 3;
}
