#!/usr/bin/env python3
"""derive_from_model.py - cases for revoke-cases.json worked out from botocore's service model, for when the
AWS CLI v2 that record.sh needs is not installed (NOT part of the build).

Only argument lists whose handling by the CLI is the model's alone are derived here: --cli-input-json and the
legacy top-level flags (--ip-protocol, --from-port, --to-port, --cidr-ip, --source-security-group-name,
--source-security-group-owner-id). The CLI turns them into a parameter dict (integers typed by the model), then
botocore validates it (ParamValidator: the "Parameter validation failed" errors, exit 252) and serialises it with
the EC2 query serializer. This does the same with the installed botocore and prints one case per line; each case
carries "derivedFrom" so it is never mistaken for a recording. Shorthand and the simplified flags are the CLI's
own code, not the model's, and are not derived here.

Usage: tools/cli-ground-truth/derive_from_model.py >> cases.jsonl   (then merge by hand into revoke-cases.json)
"""
import json
import sys
from urllib.parse import parse_qsl

import botocore
import botocore.session
from botocore.exceptions import ParamValidationError
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator

LEGACY_FLAGS = {
    "--ip-protocol": ("IpProtocol", str),
    "--from-port": ("FromPort", int),
    "--to-port": ("ToPort", int),
    "--cidr-ip": ("CidrIp", str),
    "--source-security-group-name": ("SourceSecurityGroupName", str),
    "--source-security-group-owner-id": ("SourceSecurityGroupOwnerId", str),
    "--group-id": ("GroupId", str),
    "--group-name": ("GroupName", str),
}

CASES = [
    ("input-json-legacy-source-group-name", ["--cli-input-json", '{"GroupName":"my-sg","SourceSecurityGroupName":"web"}']),
    ("input-json-legacy-source-group-owner", ["--cli-input-json", '{"GroupName":"my-sg","SourceSecurityGroupName":"web","SourceSecurityGroupOwnerId":"123456789012"}']),
    ("input-json-legacy-source-name-with-ports", ["--cli-input-json", '{"GroupName":"my-sg","SourceSecurityGroupName":"web","IpProtocol":"tcp","FromPort":22,"ToPort":22}']),
    ("input-json-legacy-icmp", ["--cli-input-json", '{"GroupId":"sg-1","IpProtocol":"icmp","FromPort":8,"ToPort":-1,"CidrIp":"0.0.0.0/0"}']),
    ("input-json-legacy-all-protocols", ["--cli-input-json", '{"GroupId":"sg-1","IpProtocol":"-1","CidrIp":"10.1.2.3/8"}']),
    ("input-json-legacy-port-as-string", ["--cli-input-json", '{"GroupId":"sg-1","IpProtocol":"tcp","FromPort":"22","ToPort":22,"CidrIp":"0.0.0.0/0"}']),
    ("input-json-legacy-cidr-no-protocol", ["--cli-input-json", '{"GroupId":"sg-1","FromPort":22,"ToPort":22,"CidrIp":"0.0.0.0/0"}']),
    ("input-json-legacy-with-ip-permissions", ["--cli-input-json", '{"GroupId":"sg-1","IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":"0.0.0.0/0","IpPermissions":[{"IpProtocol":"udp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]}']),
    ("input-json-legacy-cidr-and-source-name", ["--cli-input-json", '{"GroupName":"my-sg","CidrIp":"0.0.0.0/0","SourceSecurityGroupName":"web"}']),
    ("input-json-legacy-owner-only", ["--cli-input-json", '{"GroupId":"sg-1","SourceSecurityGroupOwnerId":"123456789012"}']),
    ("input-json-legacy-with-rule-ids", ["--cli-input-json", '{"GroupId":"sg-1","IpProtocol":"udp","FromPort":53,"ToPort":53,"CidrIp":"10.0.0.0/8","SecurityGroupRuleIds":["sgr-a"]}']),
    ("input-json-legacy-port-out-of-range", ["--cli-input-json", '{"GroupId":"sg-1","IpProtocol":"tcp","FromPort":22,"ToPort":70000,"CidrIp":"0.0.0.0/0"}']),
    ("legacy-flags-udp", ["--group-id", "sg-1", "--ip-protocol", "udp", "--from-port", "53", "--to-port", "53", "--cidr-ip", "10.1.2.3/8"]),
    ("legacy-flags-source-sg-name-only", ["--group-name", "my-sg", "--source-security-group-name", "web"]),
]


def params(args):
    out = {}
    i = 0
    while i < len(args):
        flag, value = args[i], args[i + 1]
        if flag == "--cli-input-json":
            for k, v in json.loads(value).items():
                out.setdefault(k, v)  # command-line values win over the JSON, key by key
        else:
            member, kind = LEGACY_FLAGS[flag]
            out[member] = kind(value)
        i += 2
    return out


def derive(name, args, operation, serializer):
    p = params(args)
    case = {"name": name, "args": args, "sent": None, "error": None, "exitCode": 0}
    report = ParamValidator().validate(p, operation.input_shape)
    if report.has_errors():
        case["error"] = str(ParamValidationError(report=report.generate_report()))
        case["exitCode"] = 252
    else:
        body = serializer.serialize_to_request(p, operation)["body"]
        if not isinstance(body, dict):  # some botocore versions hand back the encoded form
            body = dict(parse_qsl(body, keep_blank_values=True))
        case["sent"] = {k: str(v) for k, v in body.items() if k not in ("Action", "Version")}
    case["derivedFrom"] = "botocore %s service model (validation and EC2 query serializer), not recorded" % botocore.__version__
    return case


def main():
    model = botocore.session.get_session().get_service_model("ec2")
    operation = model.operation_model("RevokeSecurityGroupIngress")
    serializer = create_serializer("ec2")
    for name, args in CASES:
        print(json.dumps(derive(name, args, operation, serializer)))


if __name__ == "__main__":
    sys.exit(main())
