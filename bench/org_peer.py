#!/usr/bin/env python3
"""The boto3 peer of an organization sweep, as c7n-org runs a Custodian policy: a process pool over account x region
(c7n-org's ProcessPoolExecutor), each task assuming the account's role through STS (the own account on the caller's
credentials) and doing custodian_peer.py's remove-permissions there. No pacing: botocore's standard retries only.

Usage: org_peer.py PORT CIDR WORKERS OWN_ACCOUNT ROLE_NAME EXTERNAL_ID ACCOUNT[,ACCOUNT...] REGION[,REGION...]
Endpoints and credentials come from the environment, as boto3 reads them (AWS_ENDPOINT_URL_EC2 for EC2 alone).
Prints one JSON line: per account:region its counts and seconds, and the totals.
"""
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import boto3

import custodian_peer


def one(task):
    port, cidr, own, role, external_id, account, region = task
    t0 = time.monotonic()
    session = boto3.session.Session(region_name=region)
    if account != own:
        creds = session.client("sts").assume_role(
            RoleArn="arn:aws:iam::%s:role/%s" % (account, role), RoleSessionName="c7n-org",
            ExternalId=external_id)["Credentials"]
        session = boto3.session.Session(aws_access_key_id=creds["AccessKeyId"],
                                        aws_secret_access_key=creds["SecretAccessKey"],
                                        aws_session_token=creds["SessionToken"], region_name=region)
    out = custodian_peer.remove_permissions(custodian_peer.client(session), port, cidr)
    out["seconds"] = time.monotonic() - t0
    return "%s:%s" % (account, region), out


def main():
    port, cidr, workers, own, role, external_id = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), *sys.argv[4:7]
    accounts, regions = sys.argv[7].split(","), sys.argv[8].split(",")
    tasks = [(port, cidr, own, role, external_id, a, r) for a in accounts for r in regions]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        places = dict(pool.map(one, tasks))
    totals = {k: sum(p[k] for p in places.values()) for k in ("groups", "groupsRevoked", "permissionsRevoked")}
    print(json.dumps({"places": places, "totals": totals}))


if __name__ == "__main__":
    main()
