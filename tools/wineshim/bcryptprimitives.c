/*
 * bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it: Go 1.24 and
 * later load ProcessPrng from it as the process starts (Windows 10 has it).
 * Test support only: make packagetest builds it with mingw-w64 into its own
 * Wine prefix to run kiosk.exe; it is never shipped. ProcessPrng fills the
 * buffer from the system's generator (RtlGenRandom, advapi32's
 * SystemFunction036), as the real one does from its own.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
