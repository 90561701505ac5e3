#!/usr/bin/env bash
# Build the bundle from this checkout and check it runs with no Python and no network:
#   --version, prompts list, analyze on a spoken WAV with the bundled model, and the window
#   open offscreen for a second. Run on demand (make smoke); takes a few minutes.
#   SKIP_BUILD=1 checks an existing dist/debrief.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${SKIP_BUILD:-}" ] || make bundle
bin=dist/debrief/debrief
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# No Python on PATH, no proxy, no model hub: the bundle must stand alone.
clean_env=(env -i HOME="$tmp" PATH=/usr/bin:/bin HF_HUB_OFFLINE=1 DEBRIEF_DATA_DIR="$tmp/data"
           LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)
run() { echo "+ $*"; "${clean_env[@]}" "$@"; }

run "$bin" --version
run "$bin" prompts list | tee "$tmp/prompts.txt"
[ "$(wc -l < "$tmp/prompts.txt")" -ge 14 ]

espeak-ng -v en-us -w "$tmp/raw.wav" "I would add an idempotency key to the POST endpoint, \
and send a webhook to the status callback URL. The trade-off is latency."
sox "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$tmp/speech.wav"
run "$bin" analyze "$tmp/speech.wav" --format json -o "$tmp/analysis.json"
grep -q '"debrief.analysis/1"' "$tmp/analysis.json"
grep -q '"category": "api"' "$tmp/analysis.json"

# The window: start, stay up for a second, quit on its own.
start=$(date +%s%N)
run "$bin" --smoke-window
echo "window opened and closed in $(( ($(date +%s%N) - start) / 1000000 )) ms"
du -sh dist/debrief
echo "smoke: all good"
