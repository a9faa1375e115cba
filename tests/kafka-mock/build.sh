#!/usr/bin/env bash
# Builds the librdkafka mock-broker helper into tests/kafka-mock/build/kafka-mock.
# Rebuilds only when the C source (or this script) is newer than the binary, so
# the jest global setup can call it on every run at no cost.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/kafka-mock.c"
out="$here/build/kafka-mock"

if [[ -x "$out" && "$out" -nt "$src" && "$out" -nt "${BASH_SOURCE[0]}" ]]; then
  exit 0
fi
if ! pkg-config --exists rdkafka; then
  echo "kafka-mock: librdkafka-dev not found (apt-get install -y librdkafka-dev gcc pkg-config)" >&2
  exit 1
fi
mkdir -p "$here/build"
# Build to a temp name and rename so a concurrent run never executes a half-written binary.
tmp="$out.tmp.$$"
# shellcheck disable=SC2046 # pkg-config output is meant to be word-split
gcc -O2 -Wall -Wextra -o "$tmp" "$src" $(pkg-config --cflags --libs rdkafka)
mv -f "$tmp" "$out"
