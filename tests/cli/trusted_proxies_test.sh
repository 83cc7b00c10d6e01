#!/usr/bin/env bash
# [server] trusted_proxies in haven.toml: a list of networks is accepted, and a bad entry or a value
# that is not a list stops the command with the file, line and key (exit 2).
source "$(dirname "$0")/lib.sh"
DB=sqlite:$WORK/p.db

printf '[server]\ntrusted_proxies = ["10.0.0.0/8", "192.168.1.1", "fd00::/8"]\n' >"$WORK/ok.toml"
expect_exit 0 "a list of networks is accepted" -- "$HAVEN" migrate --config "$WORK/ok.toml" --db "$DB"

printf '[server]\nlisten = "127.0.0.1:8080"\ntrusted_proxies = ["10.0.0.0/8", "10.0.0.0/33"]\n' >"$WORK/bad.toml"
expect_exit 2 "a bad network is refused" -- "$HAVEN" migrate --config "$WORK/bad.toml" --db "$DB"
expect_output "bad.toml:3: server.trusted_proxies: \"10.0.0.0/33\" is not an IP network" "names file, line, key and entry"

printf '[server]\ntrusted_proxies = "10.0.0.0/8"\n' >"$WORK/str.toml"
expect_exit 2 "a string instead of a list is refused" -- "$HAVEN" migrate --config "$WORK/str.toml" --db "$DB"
expect_output "server.trusted_proxies: must be a list of strings" "says it must be a list"

printf '[server]\ntrusted_proxy = ["10.0.0.0/8"]\n' >"$WORK/typo.toml"
expect_exit 2 "a misspelt key is refused" -- "$HAVEN" migrate --config "$WORK/typo.toml" --db "$DB"
expect_output "server.trusted_proxy: unknown setting" "names the unknown key"
finish
