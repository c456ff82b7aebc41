#!/usr/bin/env python3
"""moto's server for the sweep section, with DescribeSecurityGroupRules answered as EC2 does at scale:

- filtered by group-id, from the named groups only (moto copies and filters every rule of the account for each such
  call: seconds per call at 20,000 rules, past the SDK's 30 s read timeout at 100,000, where EC2 answers at once);
- unfiltered, one page of MaxResults at a time with a NextToken (moto renders every rule of the account into each
  answer, which a busy machine took past the SDK's read timeout at 100,000 rules);

and DescribeSecurityGroups' ip-permission.ipv6-cidr filter answered as EC2 does (moto raises NotImplementedError);
and the two sharing lookups moto 5.2.1 lacks answered as AWS does for an account that shares no security group:
DescribeSecurityGroupVpcAssociations (moto: 500, which the SDK retries for seconds) with no association, RAM
ListResources (moto: 404) with no resource.

Nothing else changes. Usage: moto_indexed.py [moto.server options]"""
import copy
import itertools
import sys

from moto.core.utils import aws_api_matches
from moto.ec2.models.security_groups import SecurityGroup, SecurityGroupBackend
from moto.ec2.responses.security_groups import SecurityGroups
from moto.ram import urls as ram_urls
from moto.ram.responses import ResourceAccessManagerResponse
from moto.server import main

_original = SecurityGroupBackend.describe_security_group_rules
_original_response = SecurityGroups.describe_security_group_rules


def _rules(self, wanted):
    rules = [copy.copy(rule)
             for vpc_and_group in self.groups.values()
             for group in vpc_and_group.values() if wanted is None or group.id in wanted
             for rule in itertools.chain(group.egress_rules, group.ingress_rules)]
    for rule in rules:  # as moto does: no ports means -1
        rule.from_port = -1 if rule.from_port is None else rule.from_port
        rule.to_port = -1 if rule.to_port is None else rule.to_port
    return rules


def _by_group(self, sg_rule_ids, filters):
    if sg_rule_ids or set(filters) != {"group-id"}:
        return _original(self, sg_rule_ids, filters)
    return _rules(self, set(filters["group-id"]))


def _paged(self):
    """Unfiltered with MaxResults: one page, its NextToken the offset of the next (the account does not change
    while a sweep reads it, apart from revokes, which come after)."""
    max_results = self._get_param("MaxResults")
    if self._get_param("SecurityGroupRuleIds", []) or self._filters_from_querystring() or not max_results:
        return _original_response(self)
    from moto.core.responses import ActionResult
    start = int(self._get_param("NextToken") or 0)
    size = int(max_results)
    # Only the page's rules are copied: copying the account's for every page made a read of 100,400 rules quadratic.
    every = (rule for vpc_and_group in self.ec2_backend.groups.values() for group in vpc_and_group.values()
             for rule in itertools.chain(group.egress_rules, group.ingress_rules))
    page = [copy.copy(rule) for rule in itertools.islice(every, start, start + size + 1)]
    for rule in page:  # as moto does: no ports means -1
        rule.from_port = -1 if rule.from_port is None else rule.from_port
        rule.to_port = -1 if rule.to_port is None else rule.to_port
    result = {"SecurityGroupRules": page[:size]}
    if len(page) > size:
        result["NextToken"] = str(start + size)
    return ActionResult(result)


def _ipv6_cidr(self, values):
    """ip-permission.ipv6-cidr: an ingress rule from one of these IPv6 CIDRs."""
    return any(aws_api_matches(v, rule.ip_range.get("CidrIpv6", "NONE")) for v in values for rule in self.ingress_rules)


def _no_associations(self):
    from moto.core.responses import ActionResult
    return ActionResult({"SecurityGroupVpcAssociations": []})


def _no_shared_resources(self):
    return "{\"resources\": []}"


SecurityGroup.filter_ip_permission__ipv6_cidr = _ipv6_cidr
SecurityGroups.describe_security_group_vpc_associations = _no_associations
ResourceAccessManagerResponse.list_resources = _no_shared_resources
ram_urls.url_paths["{0}/listresources$"] = ResourceAccessManagerResponse.dispatch
SecurityGroupBackend.describe_security_group_rules = _by_group
SecurityGroups.describe_security_group_rules = _paged

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
