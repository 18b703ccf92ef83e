@echo off
rem Installs the kiosk for the Windows user who runs this, and starts it at
rem each logon of that user: kiosk.exe and kiosk-session.cmd are copied to
rem %LOCALAPPDATA%\Programs\OneStopKiosk, and a line that starts the session
rem minimised is put in the user's Startup folder. No administrator rights
rem are needed. The records live in %AppData%\onestop-kiosk.
rem   install-startup.cmd            install, and start at each logon
rem   install-startup.cmd /remove    stop starting it at logon (data kept)
setlocal
set "dest=%LOCALAPPDATA%\Programs\OneStopKiosk"
set "startup=%APPDATA%\Microsoft\Windows\Start Menu\Programs\Startup"
set "launcher=%startup%\OneStopKiosk.cmd"

if /i "%~1"=="/remove" (
  del /q "%launcher%" 2>nul
  echo The kiosk no longer starts at logon. Its records stay in %APPDATA%\onestop-kiosk.
  goto :eof
)

if not exist "%~dp0kiosk.exe" (
  echo kiosk.exe is not beside this script: run it from the folder it came in.
  exit /b 1
)
mkdir "%dest%" 2>nul
copy /y "%~dp0kiosk.exe" "%dest%\kiosk.exe" >nul || (echo Could not copy kiosk.exe to %dest%. & exit /b 1)
copy /y "%~dp0kiosk-session.cmd" "%dest%\kiosk-session.cmd" >nul || (echo Could not copy kiosk-session.cmd to %dest%. & exit /b 1)
"%dest%\kiosk.exe" content check >nul || (echo kiosk.exe does not run on this machine: see the message above. & exit /b 1)
(
  echo @echo off
  echo start "Kiosk" /min "%dest%\kiosk-session.cmd"
) > "%launcher%"
echo Installed in %dest%.
echo The kiosk starts at each logon of %USERNAME%. To start it now: "%launcher%"
echo Add an admin first: "%dest%\kiosk.exe" staff add --code CB01 --name "Ho ten" --role admin
