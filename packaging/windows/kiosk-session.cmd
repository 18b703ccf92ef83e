@echo off
rem The kiosk's session on a Windows counter: the kiosk full screen, started
rem again 5 seconds after it stops, unless an admin left kiosk mode (exit
rem status 3). install-startup.cmd starts this at logon.
setlocal
cd /d "%~dp0"
:again
"%~dp0kiosk.exe" run --fullscreen %*
if %ERRORLEVEL% EQU 3 goto :eof
timeout /t 5 /nobreak >nul
goto again
