# The command line a newcomer meets: --version, --help everywhere, usage errors exit 2.
source "$(dirname "$0")/lib.sh"

expect_exit 0 "--version prints the version" -- "$HAVEN" --version
expect_output '^haven [0-9]+\.[0-9]+\.[0-9]+' "--version format"
for sub in serve migrate backup restore; do
  expect_exit 0 "$sub --help" -- "$HAVEN" "$sub" --help
  expect_output "--db" "$sub --help lists --db"
  expect_output "--config" "$sub --help lists --config"
done
expect_exit 2 "no subcommand is a usage error" -- "$HAVEN"
expect_exit 2 "unknown subcommand" -- "$HAVEN" frobnicate
expect_exit 2 "unknown flag" -- "$HAVEN" migrate --frobnicate
expect_output "frobnicate" "the unknown flag is named"
expect_exit 2 "bad --listen" -- "$HAVEN" serve --db sqlite:x.db --listen nonsense
expect_output "HOST:PORT" "bad --listen explains the form"
expect_exit 2 "unknown database scheme" -- "$HAVEN" migrate --db mysql://x/y
expect_output "sqlite:|postgresql://" "names the accepted schemes"
finish
