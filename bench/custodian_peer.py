#!/usr/bin/env python3
"""The boto3 peer of a sweep: what Cloud Custodian's remove-permissions does for the policy

    resource: security-group
    filters: [{type: ingress, Ports: [PORT], Cidr: {value: CIDR}}]
    actions: [{type: remove-permissions, ingress: matched}]

Describe every security group (DescribeSecurityGroups, pages of 1,000), match each group's IpPermissions client-side,
then revoke the matching IpPermissions with one RevokeSecurityGroupIngress per group. No pacing: throttled calls are
retried by botocore (standard mode, 10 attempts), as Custodian leaves them to the SDK's retries and its own backoff.

Usage: custodian_peer.py PORT CIDR. Endpoint, region and credentials come from the environment, as boto3 reads them.
Prints one JSON line: groups described, groups revoked from, permissions revoked.
"""
import json
import sys

import boto3
from botocore.config import Config


def matched(permission, port, cidr):
    """The part of one IpPermission the ingress filter matches: the port in its range, the CIDR among its ranges."""
    protocol = permission["IpProtocol"]
    if protocol not in ("tcp", "-1"):
        return None
    if protocol == "tcp" and not permission.get("FromPort", 0) <= port <= permission.get("ToPort", 65535):
        return None
    ranges = [r for r in permission.get("IpRanges", []) if r["CidrIp"] == cidr]
    if not ranges:
        return None
    out = {"IpProtocol": protocol, "IpRanges": [{"CidrIp": cidr}]}
    if protocol == "tcp":
        out.update(FromPort=permission["FromPort"], ToPort=permission["ToPort"])
    return out


def remove_permissions(ec2, port, cidr):
    """The policy above on one client's account and region: what it described, and revoked."""
    groups = [g for page in ec2.get_paginator("describe_security_groups").paginate(
        PaginationConfig={"PageSize": 1000}) for g in page["SecurityGroups"]]
    revoked_groups = revoked = 0
    for g in groups:
        perms = [m for m in (matched(p, port, cidr) for p in g.get("IpPermissions", [])) if m]
        if perms:
            ec2.revoke_security_group_ingress(GroupId=g["GroupId"], IpPermissions=perms)
            revoked_groups += 1
            revoked += len(perms)
    return {"groups": len(groups), "groupsRevoked": revoked_groups, "permissionsRevoked": revoked}


def client(session=None):
    return (session or boto3.session.Session()).client(
        "ec2", config=Config(retries={"mode": "standard", "max_attempts": 10}))


def main():
    port, cidr = int(sys.argv[1]), sys.argv[2]
    print(json.dumps(remove_permissions(client(), port, cidr)))


if __name__ == "__main__":
    main()
