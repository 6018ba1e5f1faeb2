#!/usr/bin/env bash
# The test command: installs the real libzmq peer the interop tests need, then runs the whole build's tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# --jdk DIR runs the whole suite (Maven, the tests' subprocesses, bin/ringmq, the fuzzers) on that JDK, e.g.
#   scripts/test.sh --jdk /usr/lib/jvm/temurin-25-jdk-amd64
# CI runs the default JDK (17). Everything after goes to mvn verify.
if [ "${1:-}" = "--jdk" ]; then
  if [ ! -x "${2:-}/bin/java" ]; then
    echo "scripts/test.sh: --jdk needs a JDK directory holding bin/java: '${2:-}'" >&2
    exit 2
  fi
  export JAVA_HOME="$2"
  export PATH="$JAVA_HOME/bin:$PATH"
  shift 2
  echo "scripts/test.sh: running on $(java -version 2>&1 | head -1)" >&2
fi

if ! /usr/bin/python3 -c 'import zmq' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "scripts/test.sh: installing Debian's python3-zmq (libzmq 4.3 test peer) and libzmq3-dev" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3-zmq libzmq3-dev >/dev/null
  else
    echo "scripts/test.sh: the interop tests need libzmq 4.3 for /usr/bin/python3:" >&2
    echo "  sudo apt-get install -y python3-zmq libzmq3-dev" >&2
    exit 1
  fi
fi

if ! command -v ip >/dev/null 2>&1 || ! command -v nft >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "scripts/test.sh: installing iproute2 and nftables (the fault-injection tests' lossy namespace)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq iproute2 nftables >/dev/null
  else
    echo "scripts/test.sh: the fault-injection tests need root and: sudo apt-get install -y iproute2 nftables" >&2
    exit 1
  fi
fi

# Then the fuzzing campaign: each Jazzer target fuzzed a few seconds in its own JVM (scripts/fuzz.sh; under 3 min).
mvn -B verify "$@" && exec scripts/fuzz.sh
