#!/usr/bin/env bash
# `haven exchange` on the real binary, two instances (SE and LV) on one machine with their own
# databases and key folders: keys are made with secret files of mode 0600 and never overwritten;
# each trusts the other from its identity file; SE seals a referral into a file, LV opens it once
# and writes a signed receipt, accepts the same file again without applying it twice (a new
# receipt), refuses a package from a stranger;
# SE accepts the receipt; both message logs show sender, receiver, legal basis, purpose and data
# categories.
source "$(dirname "$0")/lib.sh"
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }
LV_NAME="Valsts bērnu tiesību aizsardzības inspekcija"

expect_exit 0 "SE makes its keys" -- "$HAVEN" exchange keys init --dir se --authority Socialstyrelsen --country SE
check '[[ $(stat -c %a se/signing.key) == 600 && $(stat -c %a se/encryption.key) == 600 ]]' "secret key files have mode 0600"
expect_exit 1 "keys are never overwritten" -- "$HAVEN" exchange keys init --dir se --authority Socialstyrelsen --country SE
expect_output "never overwritten" "says so"
expect_exit 0 "LV makes its keys" -- "$HAVEN" exchange keys init --dir lv --authority "$LV_NAME" --country LV --inbox https://lv.example/api/v1/exchange/inbox
expect_exit 0 "a stranger makes keys" -- "$HAVEN" exchange keys init --dir pl --authority "Ośrodek" --country PL
expect_exit 2 "keys with a bad country" -- "$HAVEN" exchange keys init --dir xx --authority X --country XX
expect_exit 0 "SE shows its identity" -- "$HAVEN" exchange keys show --dir se
echo "$OUT" >se-identity.json
check '! grep -q "$(head -c 20 se/signing.key)" se-identity.json' "the identity holds no secret key"
"$HAVEN" exchange keys show --dir lv >lv-identity.json
"$HAVEN" exchange keys show --dir pl >pl-identity.json

expect_exit 0 "SE trusts LV" -- "$HAVEN" exchange trust add --dir se --identity lv-identity.json
expect_exit 0 "LV trusts SE" -- "$HAVEN" exchange trust add --dir lv --identity se-identity.json
expect_exit 1 "the same partner twice" -- "$HAVEN" exchange trust add --dir lv --identity se-identity.json
expect_output "already" "says it is on the list"
expect_exit 2 "a partner without keys" -- "$HAVEN" exchange trust add --dir lv --country DK --authority Nobody
expect_exit 0 "LV lists its partners" -- "$HAVEN" exchange trust list --dir lv
expect_output "^SE  Socialstyrelsen" "lists SE"

# Each side's database with its own master key (an accepted referral is stored encrypted).
for side in se lv pl; do
  printf '[security]\nmaster_key_file = "var/%s.key"\n' "$side" >"$side.toml"
  expect_exit 0 "$side's master key" -- "$HAVEN" keys init --config "$side.toml" --db "sqlite:var/$side.db"
done
echo '{"request_type":"family_home_assessment","child":{"given_names":"Anna","birth_year":2013}}' >request.json
expect_exit 2 "a package without a legal basis" -- "$HAVEN" exchange send --dir se --db sqlite:var/se.db --to "$LV_NAME" --file x.pkg --purpose "family and home assessment" --legal-basis ""
expect_exit 2 "a package to an authority not trusted" -- "$HAVEN" exchange send --dir se --db sqlite:var/se.db --to Nobody --file x.pkg --purpose p --legal-basis l
echo '{"given_names":"Anna","family_members":["mother"]}' >too-much.json
expect_exit 2 "a field the request type may not carry" -- "$HAVEN" exchange send --dir se --db sqlite:var/se.db --to "$LV_NAME" --file x.pkg --purpose p --legal-basis l --request-type information_request --payload too-much.json
expect_output "family_members: The request type information_request may not carry this field" "names the field"
check '[[ ! -e x.pkg ]]' "no package after bad input"
expect_exit 0 "SE sends a referral" -- "$HAVEN" exchange send --dir se --db sqlite:var/se.db --to "$LV_NAME" --file referral.pkg --purpose "family and home assessment" --legal-basis "Regulation (EU) 2019/1111 art. 80" --category identity --category family --payload request.json
expect_output "sealed message [0-9a-f-]+ to $LV_NAME into referral.pkg" "says what it sealed"
check '! grep -q -e Anna -e Socialstyrelsen -e family referral.pkg' "the package shows nothing readable"

expect_exit 2 "the stranger cannot open it" -- "$HAVEN" exchange receive --dir pl --db sqlite:var/pl.db --config pl.toml referral.pkg
expect_output "refused \(not_for_us\)" "not for them"
expect_exit 0 "LV receives it" -- "$HAVEN" exchange receive --dir lv --db sqlite:var/lv.db --config lv.toml referral.pkg --receipt receipt.pkg --payload-out got.json
expect_output "accepted referral .* from Socialstyrelsen \(SE\)" "names the sender"
expect_output "legal basis: Regulation \(EU\) 2019/1111 art. 80" "shows the legal basis"
check 'python3 -c "import json,sys; sys.exit(json.load(open(\"got.json\")) != json.load(open(\"request.json\")))"' "the payload arrives as sent"
# The same file again (carried twice, or a sender retrying): nothing is applied twice, and a new
# receipt is given. Another package under a used message id is a replay (integration tests).
expect_exit 0 "LV receives the same file again" -- "$HAVEN" exchange receive --dir lv --db sqlite:var/lv.db --config lv.toml referral.pkg --receipt receipt2.pkg
expect_output "already accepted referral .*: nothing applied again" "says it was accepted before and applies nothing"
expect_exit 0 "the stranger sends LV a package" -- "$HAVEN" exchange trust add --dir pl --identity lv-identity.json
expect_exit 0 "sealed by the stranger" -- "$HAVEN" exchange send --dir pl --db sqlite:var/pl.db --to "$LV_NAME" --file stranger.pkg --purpose p --legal-basis l
expect_exit 2 "LV refuses a sender it does not trust" -- "$HAVEN" exchange receive --dir lv --db sqlite:var/lv.db --config lv.toml stranger.pkg
expect_output "refused \(unknown_sender\)" "says the sender is unknown"
head -c 200 referral.pkg >cut.pkg
expect_exit 2 "LV refuses a damaged file" -- "$HAVEN" exchange receive --dir lv --db sqlite:var/lv.db --config lv.toml cut.pkg
expect_output "refused \(malformed\)" "says it is malformed"

expect_exit 0 "SE receives the receipt" -- "$HAVEN" exchange receive --dir se --db sqlite:var/se.db --config se.toml receipt.pkg
expect_output "accepted receipt .* from $LV_NAME \(LV\)" "the receipt is signed by LV"
expect_output '"receipt_for":"' "names the message"

expect_exit 0 "LV's log" -- "$HAVEN" exchange log --db sqlite:var/lv.db
expect_output ",received,referral,[0-9a-f-]+,SE Socialstyrelsen,LV $LV_NAME,Regulation \(EU\) 2019/1111 art. 80,family and home assessment,\"identity,family\"," "logs the referral received"
expect_output ",sent,receipt,.*,LV $LV_NAME,SE Socialstyrelsen" "logs the receipt sent"
expect_output ",received,referral,.*delivered again: nothing applied a second time" "logs the second delivery as such"
expect_output ",refused,.*unknown_sender" "logs the unknown sender"
expect_exit 0 "SE's log" -- "$HAVEN" exchange log --db sqlite:var/se.db
expect_output ",sent,referral,.*,SE Socialstyrelsen,LV $LV_NAME" "logs the referral sent"
expect_output ",received,receipt," "logs the receipt received"
expect_exit 0 "LV's audit chain is intact" -- "$HAVEN" audit verify --db sqlite:var/lv.db

expect_exit 0 "LV stops trusting SE" -- "$HAVEN" exchange trust remove --dir lv Socialstyrelsen
expect_exit 2 "removing it again" -- "$HAVEN" exchange trust remove --dir lv Socialstyrelsen
finish
