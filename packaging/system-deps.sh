#!/bin/sh
# The system packages Debrief needs beyond Python, on Debian and Ubuntu.
#
#   system-deps.sh check   runtime|test   print one line per missing package
#   system-deps.sh install runtime|test   install what is missing when root or in CI,
#                                         otherwise print one line per missing package
#
# runtime: PortAudio for the microphone, the libraries Qt's xcb platform plugin loads.
# test:    runtime + a virtual screen, a private sound server, a speech synthesizer, sox
#          and ffmpeg (to make the MP3 and M4A recordings that decoding is tested on).
set -u
mode=${1:-check}
set_name=${2:-runtime}

RUNTIME="libportaudio2 libxcb-cursor0 libxkbcommon-x11-0 libxkbcommon0 libxcb-icccm4
libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
libxcb-xkb1 libx11-xcb1 libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3"
TEST="$RUNTIME xvfb xauth pulseaudio pulseaudio-utils espeak-ng sox appstream desktop-file-utils
strace ffmpeg"
[ "$set_name" = test ] && wanted=$TEST || wanted=$RUNTIME

[ "$(uname -s)" = Linux ] || exit 0
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian-based system; install PortAudio, PulseAudio, espeak-ng, sox and Xvfb with your package manager"
    exit 0
fi

missing() {
    for p in $wanted; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" || printf '%s ' "$p"
    done
}

todo=$(missing)
[ -z "$todo" ] && exit 0

if [ "$mode" = install ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; elif [ -n "${CI:-}" ]; then sudo="sudo -n"; else sudo=none; fi
    if [ "$sudo" != none ]; then
        echo "installing system packages: $todo"
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        $sudo apt-get install -y -qq $todo >/dev/null
        todo=$(missing)
        [ -z "$todo" ] && exit 0
    fi
fi

for p in $todo; do
    echo "missing system package $p: install it with: sudo apt-get install $p"
done
[ "$set_name" = test ] && exit 1
exit 0
