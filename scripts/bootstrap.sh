#!/usr/bin/env bash
# Installs the Debian 12 packages haven needs, only those that are missing.
# Usage: scripts/bootstrap.sh [run|test|bench|fuzz]   (each set includes the ones before it)
# As root it runs apt-get; with passwordless sudo it uses sudo; otherwise it prints the exact
# apt line and exits 1, so a newcomer knows precisely what to install.
set -euo pipefail

profile="${1:-run}"

run_pkgs=(g++ cmake ninja-build ccache pkg-config make curl
  libsqlite3-dev sqlite3 libpqxx-dev libcpp-httplib-dev nlohmann-json3-dev libsodium-dev
  liboath-dev libqrencode-dev libicu-dev libcli11-dev libspdlog-dev libtoml11-dev libmstch-dev
  libxlsxwriter-dev libmagic-dev libjemalloc-dev)
test_pkgs=(libgtest-dev libgmock-dev postgresql-15 postgresql-contrib postgresql-client-15
  chromium nodejs npm)
bench_pkgs=(libbenchmark-dev wrk nginx-light hyperfine)
fuzz_pkgs=(clang-14 libclang-rt-14-dev)

want=("${run_pkgs[@]}")
case "$profile" in
  run) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  fuzz) want+=("${test_pkgs[@]}" "${fuzz_pkgs[@]}") ;;
  *) echo "bootstrap: unknown profile '$profile' (run|test|bench|fuzz)" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  # nodejs/npm may come from elsewhere (nodesource, nvm); accept any working binary.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "bootstrap: all ${#want[@]} packages for '$profile' are present"
  exit 0
fi

echo "bootstrap: missing: ${missing[*]}"
apt_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "bootstrap: not root and no passwordless sudo. Please run:" >&2
  echo "  sudo apt-get update && sudo $apt_line" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once a day at most.
stamp=/var/lib/apt/periodic/haven-update-stamp
if [[ ! -f $stamp ]] || [[ -n $(find "$stamp" -mmin +1440 2>/dev/null) ]]; then
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" mkdir -p "$(dirname "$stamp")" && "${sudo[@]}" touch "$stamp"
fi
# shellcheck disable=SC2086
"${sudo[@]}" $apt_line
