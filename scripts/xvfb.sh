# Sourced by smoke.sh and bench.sh: start_xvfb FIRST LAST [WxH] starts a
# private Xvfb (1920x1080 unless given) on the first free display number in FIRST..LAST, exports
# DISPLAY for Mesa's software OpenGL, sets xvfb_pid and waits until it answers.
start_xvfb() {
  local display="" n
  for n in $(seq "$1" "$2"); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
  done
  [ -n "$display" ] || { echo "no free X display number in $1..$2" >&2; return 1; }
  Xvfb "$display" -screen 0 "${3:-1920x1080}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1
  for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "Xvfb on $display did not start" >&2
  return 1
}
