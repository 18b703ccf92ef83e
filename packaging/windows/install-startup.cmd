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
mkdir "%startup%" 2>nul
rem Each step is checked with "if errorlevel": a "||" after a built-in
rem command is not honoured by every cmd (Wine's runs it after a copy that worked).
copy /y "%~dp0kiosk.exe" "%dest%\kiosk.exe" >nul
if errorlevel 1 (echo Could not copy kiosk.exe to %dest%: is the kiosk running? Close it and try again. & exit /b 1)
copy /y "%~dp0kiosk-session.cmd" "%dest%\kiosk-session.cmd" >nul
if errorlevel 1 (echo Could not copy kiosk-session.cmd to %dest%. & exit /b 1)
"%dest%\kiosk.exe" content check >nul
if errorlevel 1 (echo kiosk.exe does not run on this machine: see the message above. & exit /b 1)
rem One redirected line at a time: a redirected ( ... ) block is not written
rem by every cmd (Wine's prints it instead).
>"%launcher%" echo @echo off
if errorlevel 1 (echo Could not write %launcher%. & exit /b 1)
>>"%launcher%" echo start "Kiosk" /min "%dest%\kiosk-session.cmd"
echo Installed in %dest%.
echo The kiosk starts at each logon of %USERNAME%. To start it now: "%launcher%"
echo Add an admin first: "%dest%\kiosk.exe" staff add --code CB01 --name "Ho ten" --role admin
