#!/usr/bin/env python3
"""moto's server with the two sharing lookups it lacks answered as AWS answers them for an account that shares
nothing: EC2 DescribeSecurityGroupVpcAssociations (no association) and AWS RAM ListResources (no resource). Plain
moto answers the first 500 (not implemented), which the SDK retries five times with backoff (about 1.5 s on every
alert and sweep), and the second 404. Nothing else changes. Usage: moto_sharing.py [moto.server options]"""
import json
import sys

import moto.ram.urls as ram_urls
from moto.core.responses import ActionResult
from moto.ec2.responses.security_groups import SecurityGroups
from moto.ram.responses import ResourceAccessManagerResponse
from moto.server import main


def _no_vpc_associations(self):
    return ActionResult({"SecurityGroupVpcAssociations": []})


def _no_resources(self):
    return json.dumps({"resources": []})


SecurityGroups.describe_security_group_vpc_associations = _no_vpc_associations
ResourceAccessManagerResponse.list_resources = _no_resources
ram_urls.url_paths["{0}/listresources$"] = ResourceAccessManagerResponse.dispatch

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
