#!/usr/bin/env bash
# record.sh - regenerate function/src/test/resources/cli/revoke-cases.json
#
# Runs the real AWS CLI v2 (Debian package `awscli`, /usr/bin/aws; recorded
# with aws-cli/2.9.19) as `aws ec2 revoke-security-group-ingress ...` for a
# matrix of argument sets against a local capture endpoint (capture_server.py,
# loopback only) and records, per case, either the decoded EC2 query
# parameters the CLI sent (Action/Version omitted) or the CLI's error message
# and exit code.
#
# This is a developer tool: it is NOT part of the build or of CI.
# Needs: apt-get install -y awscli   (do not use the pyenv `aws` shim: v1)
#
# Usage: tools/cli-ground-truth/record.sh [OUTFILE]
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$REPO/function/src/test/resources/cli/revoke-cases.json}"
AWS_BIN="${AWS_BIN:-/usr/bin/aws}"
PORT="${PORT:-18731}"

"$AWS_BIN" --version 2>&1 | grep -q '^aws-cli/2\.' || {
  echo "need AWS CLI v2 at $AWS_BIN (apt-get install -y awscli)" >&2; exit 1; }

WORK="$(mktemp -d)"
LOG="$WORK/requests.jsonl"
python3 "$HERE/capture_server.py" serve "$PORT" "$LOG" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
  (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1
done

# run NAME ARGS...   (ARGS = argv after `revoke-security-group-ingress`)
run() {
  local name="$1"; shift
  rm -f "$LOG"
  local rc=0
  env -i PATH=/usr/bin:/bin HOME="$WORK" LANG=C.UTF-8 \
    AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    AWS_PAGER="" AWS_MAX_ATTEMPTS=1 \
    "$AWS_BIN" ec2 revoke-security-group-ingress "$@" \
    --endpoint-url "http://127.0.0.1:$PORT" \
    >"$WORK/stdout" 2>"$WORK/stderr" </dev/null || rc=$?
  python3 "$HERE/capture_server.py" entry "$name" "$rc" "$WORK/stderr" "$LOG" \
    -- "$@" >>"$WORK/cases.jsonl"
}

# ---------------------------------------------------------------- simplified flags
run flags-tcp-22-cidr        --group-id sg-1 --protocol tcp --port 22 --cidr 203.0.113.0/24
run flags-udp-range          --group-id sg-1 --protocol udp --port 1000-2000 --cidr 10.0.0.0/8
run flags-icmp-3-4           --group-id sg-1 --protocol icmp --port 3-4 --cidr 0.0.0.0/0
run flags-icmp-8-minus1      --group-id sg-1 --protocol icmp --port 8--1 --cidr 0.0.0.0/0
run flags-icmp-port-minus1   --group-id sg-1 --protocol icmp --port -1 --cidr 0.0.0.0/0
run flags-icmp-port-eq-minus1 --group-id sg-1 --protocol icmp --port=-1 --cidr 0.0.0.0/0
run flags-tcp-port-all       --group-id sg-1 --protocol tcp --port all --cidr 0.0.0.0/0
run flags-protocol-all       --group-id sg-1 --protocol all --cidr 0.0.0.0/0
run flags-protocol-all-port-all --group-id sg-1 --protocol all --port all --cidr 0.0.0.0/0
run flags-protocol-minus1    --group-id sg-1 --protocol -1 --cidr 0.0.0.0/0
run flags-protocol-eq-minus1 --group-id sg-1 --protocol=-1 --cidr 0.0.0.0/0
run flags-protocol-6         --group-id sg-1 --protocol 6 --port 22 --cidr 0.0.0.0/0
run flags-protocol-0         --group-id sg-1 --protocol 0 --cidr 0.0.0.0/0
run flags-protocol-255       --group-id sg-1 --protocol 255 --cidr 0.0.0.0/0
run flags-protocol-256       --group-id sg-1 --protocol 256 --cidr 0.0.0.0/0
run flags-protocol-icmpv6    --group-id sg-1 --protocol icmpv6 --port -1 --cidr 0.0.0.0/0
run flags-protocol-58        --group-id sg-1 --protocol 58 --port=-1 --cidr 0.0.0.0/0
run flags-protocol-foo       --group-id sg-1 --protocol foo --cidr 0.0.0.0/0
run flags-protocol-uppercase --group-id sg-1 --protocol TCP --port 22 --cidr 0.0.0.0/0
run flags-port-abc           --group-id sg-1 --protocol tcp --port abc --cidr 0.0.0.0/0
run flags-port-trailing-dash --group-id sg-1 --protocol tcp --port 22- --cidr 0.0.0.0/0
run flags-port-three-parts   --group-id sg-1 --protocol tcp --port 1-2-3 --cidr 0.0.0.0/0
run flags-port-leading-zero  --group-id sg-1 --protocol tcp --port 022 --cidr 0.0.0.0/0
run flags-port-out-of-range  --group-id sg-1 --protocol tcp --port 70000 --cidr 0.0.0.0/0
run flags-port-reversed      --group-id sg-1 --protocol tcp --port 2000-1000 --cidr 0.0.0.0/0
run flags-port-spaces        --group-id sg-1 --protocol tcp --port ' 22 ' --cidr 0.0.0.0/0
run flags-source-group-id    --group-id sg-1 --protocol tcp --port 22 --source-group sg-123
run flags-source-group-name  --group-id sg-1 --protocol tcp --port 22 --source-group web-servers
run flags-source-group-owner --group-id sg-1 --protocol tcp --port 22 --source-group sg-123 --group-owner 123456789012
run flags-group-owner-only   --group-id sg-1 --protocol tcp --port 22 --group-owner 123456789012
run flags-cidr-and-source-group --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0 --source-group sg-123
run flags-port-no-protocol   --group-id sg-1 --port 22 --cidr 0.0.0.0/0
run flags-protocol-no-port   --group-id sg-1 --protocol tcp --cidr 0.0.0.0/0
run flags-cidr-only          --group-id sg-1 --cidr 0.0.0.0/0
run flags-cidr-not-validated --group-id sg-1 --protocol tcp --port 22 --cidr not-a-cidr
run flags-cidr-ipv6          --group-id sg-1 --protocol tcp --port 22 --cidr 2001:db8::/32
run flags-group-name         --group-name my-sg --protocol tcp --port 22 --cidr 0.0.0.0/0
run flags-group-id-and-name  --group-id sg-1 --group-name my-sg --protocol tcp --port 22 --cidr 0.0.0.0/0
run flags-no-group           --protocol tcp --port 22 --cidr 0.0.0.0/0
run flags-repeated-port      --group-id sg-1 --protocol tcp --port 22 --port 80 --cidr 0.0.0.0/0
run flags-empty-protocol     --group-id sg-1 --protocol '' --port 22 --cidr 0.0.0.0/0
run flags-dry-run            --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0 --dry-run
run flags-no-dry-run         --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0 --no-dry-run
run flags-with-ip-permissions-protocol --group-id sg-1 --protocol tcp --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'
run flags-with-ip-permissions-cidr --group-id sg-1 --cidr 0.0.0.0/0 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22'
run flags-with-ip-permissions-port --group-id sg-1 --port 22 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'
run flags-with-ip-permissions-source-group --group-id sg-1 --source-group sg-2 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22'
run flags-with-ip-permissions-group-owner --group-id sg-1 --group-owner 123456789012 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22'
run flags-with-empty-json-ip-permissions --group-id sg-1 --protocol tcp --ip-permissions '[]'
run flags-with-rule-ids      --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0 --security-group-rule-ids sgr-a
run flags-protocol-leading-zero --group-id sg-1 --protocol 06 --port 22 --cidr 0.0.0.0/0
run flags-protocol-spaces    --group-id sg-1 --protocol ' 6 ' --port 22 --cidr 0.0.0.0/0
run flags-protocol-minus2    --group-id sg-1 --protocol=-2 --cidr 0.0.0.0/0
run flags-port-plus-sign     --group-id sg-1 --protocol tcp --port +22 --cidr 0.0.0.0/0
run flags-port-negative-5    --group-id sg-1 --protocol tcp --port=-5 --cidr 0.0.0.0/0
run flags-port-minus1-range  --group-id sg-1 --protocol icmp --port=-1-5 --cidr 0.0.0.0/0
run flags-port-range-spaces  --group-id sg-1 --protocol tcp --port '22 - 25' --cidr 0.0.0.0/0
run flags-port-uppercase-all --group-id sg-1 --protocol tcp --port ALL --cidr 0.0.0.0/0
run flags-port-empty         --group-id sg-1 --protocol tcp --port '' --cidr 0.0.0.0/0
run flags-port-zero          --group-id sg-1 --protocol tcp --port 0 --cidr 0.0.0.0/0
run flags-cidr-empty         --group-id sg-1 --protocol tcp --port 22 --cidr ''
run flags-source-group-sg-prefix-name --group-id sg-1 --protocol tcp --port 22 --source-group sg-web
run flags-source-group-uppercase --group-id sg-1 --protocol tcp --port 22 --source-group SG-123
run flags-source-group-name-owner --group-id sg-1 --protocol tcp --port 22 --source-group web --group-owner 123456789012
run flags-bad-protocol-and-bad-port --group-id sg-1 --protocol foo --port abc --cidr 0.0.0.0/0
run flags-bad-port-and-ip-permissions --group-id sg-1 --port abc --ip-permissions 'IpProtocol=tcp'
run flags-cidr-port-with-ip-permissions --group-id sg-1 --cidr 0.0.0.0/0 --port 22 --ip-permissions 'IpProtocol=tcp'
run flags-with-bad-shorthand --group-id sg-1 --protocol tcp --ip-permissions 'IpProtocol=tcp,IpRanges=[{'
run flags-dry-run-then-no-dry-run --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0 --dry-run --no-dry-run
run reference-example-1     --group-name mySecurityGroup --protocol tcp --port 22 --cidr 203.0.113.0/24
run reference-example-2     --group-id sg-026c12253ce15eff7 --ip-permissions 'IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]'
run argparse-unknown-option  --group-id sg-1 --bogus x
run argparse-port-missing-value --group-id sg-1 --protocol tcp --port
run argparse-rule-ids-no-value --group-id sg-1 --security-group-rule-ids
run nothing-at-all
run group-id-only            --group-id sg-1

# undocumented legacy top-level members that remain accepted by the CLI
run legacy-top-level-flags   --group-id sg-1 --ip-protocol tcp --from-port 22 --to-port 22 --cidr-ip 0.0.0.0/0
run legacy-source-sg-name    --group-name my-sg --source-security-group-name other --source-security-group-owner-id 123456789012

# ---------------------------------------------------------------- shorthand --ip-permissions
run sh-reference-example     --group-id sg-1 --ip-permissions 'IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]'
run sh-multiple-ranges       --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8},{CidrIp=192.0.2.0/24}]'
run sh-ipv6-ranges           --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2001:db8::/32}]'
run sh-prefix-list           --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-12345678}]'
run sh-user-id-group-pairs   --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupId=sg-2,UserId=123456789012,VpcId=vpc-1,VpcPeeringConnectionId=pcx-1}]'
run sh-user-id-group-pairs-name --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupName=web,Description=from web}]'
run sh-all-source-kinds      --group-id sg-1 --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}],Ipv6Ranges=[{CidrIpv6=::/0}],PrefixListIds=[{PrefixListId=pl-1}],UserIdGroupPairs=[{GroupId=sg-2}]'
run sh-protocol-all-no-ports --group-id sg-1 --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
run sh-protocol-name-all     --group-id sg-1 --ip-permissions 'IpProtocol=all,IpRanges=[{CidrIp=0.0.0.0/0}]'
run sh-description-unquoted-spaces --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0,Description=SSH from anywhere}]'
run sh-description-double-quoted --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0,Description="SSH, from anywhere"}]'
run sh-description-single-quoted --group-id sg-1 --ip-permissions "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0,Description='it is \"quoted\"'}]"
run sh-description-escaped-quote --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0,Description="say \"hi\""}]'
run sh-description-inner-quote-unquoted --group-id sg-1 --ip-permissions "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0,Description=Bob's rule}]"
run sh-spaces-around         --group-id sg-1 --ip-permissions 'IpProtocol = tcp , FromPort = 22 , ToPort = 22 , IpRanges = [ { CidrIp = 0.0.0.0/0 } ]'
run sh-trailing-space-value  --group-id sg-1 --ip-permissions 'IpProtocol=tcp ,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0 ,Description=x  }]'
run sh-two-words             --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=udp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=10.0.0.0/8}]'
run sh-three-words           --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=udp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=10.0.0.0/8}]' 'IpProtocol=icmp,FromPort=-1,ToPort=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
run sh-empty-ip-ranges       --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[]'
run sh-empty-value           --group-id sg-1 --ip-permissions 'IpProtocol=,FromPort=22,ToPort=22'
run sh-ports-only            --group-id sg-1 --ip-permissions 'FromPort=22,ToPort=22'
run sh-from-port-not-int     --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=abc,ToPort=22'
run sh-unknown-key           --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Foo=bar'
run sh-unknown-nested-key    --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0,Foo=bar}]'
run sh-lowercase-key         --group-id sg-1 --ip-permissions 'ipProtocol=tcp,FromPort=22,ToPort=22'
run sh-malformed-unclosed-bracket --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}'
run sh-malformed-unclosed-brace --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0]'
run sh-malformed-no-equals   --group-id sg-1 --ip-permissions 'IpProtocol'
run sh-malformed-trailing-comma --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,'
run sh-range-without-braces  --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[CidrIp=0.0.0.0/0]'
run sh-duplicate-key         --group-id sg-1 --ip-permissions 'IpProtocol=tcp,IpProtocol=udp,FromPort=22,ToPort=22'
run sh-ranges-no-list-brackets --group-id sg-1 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges={CidrIp=0.0.0.0/0}'
run sh-dry-run               --group-id sg-1 --dry-run --ip-permissions 'IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]'
run sh-group-name            --group-name my-sg --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'

# ---------------------------------------------------------------- JSON --ip-permissions
run json-single              --group-id sg-1 --ip-permissions '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"SSH, \"quoted\""}]}]'
run json-two-permissions     --group-id sg-1 --ip-permissions '[{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[{"CidrIpv6":"::/0"}]},{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"sg-2","UserId":"123456789012"}],"PrefixListIds":[{"PrefixListId":"pl-1"}]}]'
run json-object-not-array    --group-id sg-1 --ip-permissions '{"IpProtocol":"tcp","FromPort":22,"ToPort":22}'
run json-port-as-string      --group-id sg-1 --ip-permissions '[{"IpProtocol":"tcp","FromPort":"22","ToPort":"22"}]'
run json-protocol-as-number  --group-id sg-1 --ip-permissions '[{"IpProtocol":6,"FromPort":22,"ToPort":22}]'
run json-unknown-key         --group-id sg-1 --ip-permissions '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"Foo":"bar"}]'
run json-empty-array         --group-id sg-1 --ip-permissions '[]'
run json-empty-object        --group-id sg-1 --ip-permissions '[{}]'
run json-empty-ranges        --group-id sg-1 --ip-permissions '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[]}]'
run json-invalid             --group-id sg-1 --ip-permissions '[{"IpProtocol":"tcp",}]'

# ---------------------------------------------------------------- rule ids
run rule-ids-two             --group-id sg-1 --security-group-rule-ids sgr-a sgr-b
run rule-ids-one-dry-run     --group-id sg-1 --security-group-rule-ids sgr-a --dry-run
run rule-ids-no-group        --security-group-rule-ids sgr-a
run rule-ids-comma           --group-id sg-1 --security-group-rule-ids sgr-a,sgr-b
run rule-ids-json            --group-id sg-1 --security-group-rule-ids '["sgr-a","sgr-b"]'
run rule-ids-with-ip-permissions --group-id sg-1 --security-group-rule-ids sgr-a --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22'

# ---------------------------------------------------------------- --cli-input-json
run input-json-full          --cli-input-json '{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]}],"DryRun":true}'
run input-json-rule-ids      --cli-input-json '{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a","sgr-b"],"DryRun":false}'
run input-json-unknown-key   --cli-input-json '{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"],"Bogus":1}'
run input-json-unknown-nested-key --cli-input-json '{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"Bogus":1}]}'
run input-json-wrong-type    --cli-input-json '{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":"tcp","FromPort":"22","ToPort":22}]}'
run input-json-invalid       --cli-input-json '{"GroupId":"sg-1",'
run input-json-cli-overrides --cli-input-json '{"GroupId":"sg-1","SecurityGroupRuleIds":["sgr-a"]}' --group-id sg-2
run input-json-plus-flags    --cli-input-json '{"GroupId":"sg-1","IpPermissions":[{"IpProtocol":"udp","FromPort":53,"ToPort":53}]}' --protocol tcp --port 22 --cidr 0.0.0.0/0
run input-json-flags-only    --cli-input-json '{"GroupId":"sg-1"}' --protocol tcp --port 22 --cidr 0.0.0.0/0
run input-json-legacy-members --cli-input-json '{"GroupId":"sg-1","IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":"0.0.0.0/0"}'

python3 "$HERE/capture_server.py" assemble "$WORK/cases.jsonl" "$OUT"
echo "wrote $(grep -c '"name"' "$OUT") cases to $OUT ($("$AWS_BIN" --version 2>&1))"
