#!/usr/bin/env python3
"""moto's server for the sweep section, with DescribeSecurityGroupRules filtered by group-id answered from the
named groups only. moto copies and filters every rule of the account for each such call (seconds per call at
20,000 rules, past the SDK's 30 s read timeout at 100,000), where EC2 answers at once; nothing else changes.

Usage: moto_indexed.py [moto.server options]"""
import copy
import itertools
import sys

from moto.ec2.models.security_groups import SecurityGroupBackend
from moto.server import main

_original = SecurityGroupBackend.describe_security_group_rules


def _by_group(self, sg_rule_ids, filters):
    if sg_rule_ids or set(filters) != {"group-id"}:
        return _original(self, sg_rule_ids, filters)
    wanted = set(filters["group-id"])
    rules = [copy.copy(rule)
             for vpc_and_group in self.groups.values()
             for group in vpc_and_group.values() if group.id in wanted
             for rule in itertools.chain(group.egress_rules, group.ingress_rules)]
    for rule in rules:  # as moto does: no ports means -1
        rule.from_port = -1 if rule.from_port is None else rule.from_port
        rule.to_port = -1 if rule.to_port is None else rule.to_port
    return rules


SecurityGroupBackend.describe_security_group_rules = _by_group

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
