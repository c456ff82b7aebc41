#!/usr/bin/env python3
"""The Python boto3 peer of one cold invocation: the same EC2 and EventBridge calls the function makes.

Usage: python_peer.py GROUP_ID PROTOCOL FROM_PORT TO_PORT CIDR
Describe the group's rules, revoke the matching ingress rule by id, describe again to confirm, put the result
event. Endpoint, region and credentials come from the environment (AWS_ENDPOINT_URL, AWS_REGION, ...), as boto3
reads them, so this script sees exactly what the Java function sees. Prints one JSON line, the response.
"""
import json
import os
import sys

import boto3


def rules_of(ec2, group_id):
    pages = ec2.get_paginator("describe_security_group_rules").paginate(
        Filters=[{"Name": "group-id", "Values": [group_id]}], MaxResults=1000)
    return [r for page in pages for r in page["SecurityGroupRules"]]


def main():
    group_id, protocol, from_port, to_port, cidr = sys.argv[1:6]
    session = boto3.session.Session()
    ec2 = session.client("ec2")
    events = session.client("events")
    wanted = (protocol, int(from_port), int(to_port), cidr)
    matches = [r["SecurityGroupRuleId"] for r in rules_of(ec2, group_id) if not r["IsEgress"]
               and (r["IpProtocol"], r.get("FromPort"), r.get("ToPort"), r.get("CidrIpv4")) == wanted]
    if matches:
        ec2.revoke_security_group_ingress(GroupId=group_id, SecurityGroupRuleIds=matches)
    left = {r["SecurityGroupRuleId"] for r in rules_of(ec2, group_id)}
    revoked = [m for m in matches if m not in left]
    result = {"groupId": group_id, "revoked": revoked, "unrevoked": [m for m in matches if m in left]}
    answer = events.put_events(Entries=[{
        "Source": "sg-revoker", "DetailType": "Security Group Ingress Revocation Result",
        "EventBusName": os.environ.get("EVENT_BUS_NAME", "default"), "Detail": json.dumps(result)}])
    if answer.get("FailedEntryCount"):
        sys.exit("result event not accepted: " + json.dumps(answer["Entries"]))
    print(json.dumps(result))
    sys.exit(0 if revoked else 1)


if __name__ == "__main__":
    main()
