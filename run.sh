#!/usr/bin/env bash
# headroom's one entry point for a fresh machine:
#   ./run.sh example   install what is missing, build, judge a bundled example circuit
#   ./run.sh test      install what is missing, build with ASan+UBSan, run the whole suite
#   ./run.sh setup     only install the Debian packages the project needs
#   ./run.sh build     install, then build ./build (release, with the GUI if GTK is there)
# Idempotent and quiet when everything is already there. Needs root (or sudo) only when a
# package is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Exactly the Debian 12 packages headroom builds and tests with. Keep in step with
# docs/building.md. GTK 4 and libadwaita build the desktop app (ui/gtk); xvfb, xauth and
# dbus run its tests on a virtual display (xvfb-run, dbus-run-session); locales lets a test
# compile a decimal-comma locale into the build tree (test-units, /units/locale).
PACKAGES=(
  gcc libc6-dev pkg-config meson ninja-build
  libglib2.0-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  libgsl-dev libngspice0-dev ngspice libsuitesparse-dev
  libgtk-4-dev libadwaita-1-dev
  xvfb xauth dbus
  locales
)

setup() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing ${missing[*]}" >&2
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

configure() { # dir, extra meson args...
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log" >&2; exit 2; }
  fi
  ninja -C "$dir" >"$dir.build.log" 2>&1 || { cat "$dir.build.log" >&2; exit 2; }
}

case "${1:-}" in
  setup) setup ;;
  build) setup; configure build --buildtype=debugoptimized ;;
  example)
    setup
    configure build --buildtype=debugoptimized
    ex=${2:-examples/ls-drives-hc.json}
    echo "\$ headroom check $ex"
    set +e; ./build/ui/cli/headroom check "$ex"; rc=$?; set -e
    # Exit 1 means "a check failed", which is this example's lesson, not an error of run.sh.
    [ $rc -le 1 ] || exit $rc
    ;;
  test)
    setup
    configure build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
    shift
    meson test -C build-asan --print-errorlogs "$@"
    ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
