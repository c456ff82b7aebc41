"""The organization that bench/run's org section sweeps, in its own moto: the accounts (the own one and members reached
through STS as member roles), their groups and rules in two regions each, the run's queues and table, the roll-up
captured from EventBridge, and the Security Hub findings sent meanwhile."""
import json
import os
import threading
import time

import boto3
from botocore.config import Config

HOME, LINKED = "us-east-1", "eu-west-1"
OWN = "123456789012"
ROLE, EXTERNAL_ID = "sg-revoker-member", "bench-external-id"
WORLD = "0.0.0.0/0"


class Sizes:
    def __init__(self, quick):
        e = os.environ.get
        self.accounts = int(e("BENCH_ORG_ACCOUNTS", 3 if quick else 12))
        self.regions = [HOME, LINKED]
        self.groups = int(e("BENCH_ORG_GROUPS", 25 if quick else 100))  # per account-region
        self.rules = int(e("BENCH_ORG_RULES", 500 if quick else 2000))  # compliant ingress rules per account-region
        self.offending = int(e("BENCH_ORG_OFFENDING", 10 if quick else 40))  # groups with tcp 22 from the world
        self.alerted = int(e("BENCH_ORG_ALERTED", 2 if quick else 6))  # account-regions the findings are about
        self.variants = e("BENCH_ORG_VARIANTS", "plain,alerts").split(",")

    def text(self):
        return "%d accounts x %d regions, %s rules + %d offending in %d groups per pair" % (
            self.accounts, len(self.regions), format(self.rules, ","), self.offending, self.groups)


class Org:
    """moto with an organization, its accounts' EC2 in two regions, the run's queues, table and event capture."""

    def __init__(self, moto_url, sizes, log):
        self.url, self.sizes, self.log = moto_url, sizes, log
        self.session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                             region_name=HOME)
        org = self.client("organizations")
        org.create_organization(FeatureSet="ALL")
        self.accounts = [OWN] + [org.create_account(AccountName="bench-%02d" % i, Email="bench-%02d@example.com" % i)
                                 ["CreateAccountStatus"]["AccountId"] for i in range(1, sizes.accounts)]
        self.ec2 = {}
        for account in self.accounts:
            session = self.session if account == OWN else self.assumed(account)
            for region in sizes.regions:
                self.ec2[(account, region)] = session.client("ec2", region_name=region, endpoint_url=moto_url,
                                                             config=Config(read_timeout=600))
        self.groups, self.alert_groups = {}, {}
        sqs = self.client("sqs")
        self.sqs = sqs
        self.shard_queue = sqs.create_queue(QueueName="bench-org-shards.fifo", Attributes={
            "FifoQueue": "true", "ContentBasedDeduplication": "false", "VisibilityTimeout": "360"})["QueueUrl"]
        self.request_queue = sqs.create_queue(QueueName="bench-org-requests",
                                              Attributes={"VisibilityTimeout": "360"})["QueueUrl"]
        self.event_queue = sqs.create_queue(QueueName="bench-org-events")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=self.event_queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events = self.client("events")
        events.put_rule(Name="bench-org-roll-ups", EventPattern=json.dumps(
            {"source": ["sg-revoker"], "detail-type": ["Security Group Sweep Run Completed"]}))
        events.put_targets(Rule="bench-org-roll-ups", Targets=[{"Id": "q", "Arn": arn}])
        self.client("dynamodb").create_table(
            TableName="bench-org-runs", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])

    def client(self, name):
        return self.session.client(name, endpoint_url=self.url)

    def assumed(self, account):
        c = self.client("sts").assume_role(RoleArn="arn:aws:iam::%s:role/%s" % (account, ROLE),
                                           RoleSessionName="bench-seed", ExternalId=EXTERNAL_ID)["Credentials"]
        return boto3.session.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                                     aws_session_token=c["SessionToken"], region_name=HOME)

    def places(self):
        return [(a, r) for a in self.accounts for r in self.sizes.regions]

    def seed(self):
        """Per pair: the groups with their compliant rules (tcp 3000+ from 10.0.0.0/8), and two groups the
        findings will name, each with tcp 3389 from the world (EC2.14: a check the sweep does not run)."""
        t0 = time.monotonic()
        s = self.sizes
        per_group, extra = divmod(s.rules, s.groups)

        def one(place):
            ec2 = self.ec2[place]
            gids = []
            for g in range(s.groups):
                gid = ec2.create_security_group(GroupName="bench-org-%03d" % g, Description="org bench")["GroupId"]
                n = per_group + (1 if g < extra else 0)
                ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": 3000 + p, "ToPort": 3000 + p,
                     "IpRanges": [{"CidrIp": "10.0.0.0/8"}]} for p in range(n)])
                gids.append(gid)
            self.groups[place] = gids
            self.alert_groups[place] = gids[-2:]

        threads = [threading.Thread(target=one, args=(p,)) for p in self.places()]
        for i in range(0, len(threads), 4):
            for t in threads[i:i + 4]:
                t.start()
            for t in threads[i:i + 4]:
                t.join()
        self.log("  org: %d account-regions seeded (%s) in %.0f s" % (len(threads), s.text(),
                                                                      time.monotonic() - t0))

    def offend(self, alerts):
        """The offending rules again (tcp 22 from the world), and the findings' rules (tcp 3389) when alerts run."""
        for place in self.places():
            ec2 = self.ec2[place]
            wanted = [(g, 22) for g in self.groups[place][:self.sizes.offending]]
            if alerts:
                wanted += [(g, 3389) for g in self.alert_groups[place]]
            for gid, port in wanted:
                try:
                    ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
                        {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": WORLD}]}])
                except ec2.exceptions.ClientError as e:
                    if e.response["Error"]["Code"] != "InvalidPermission.Duplicate":
                        raise

    def world_open(self, port):
        left = 0
        for place in self.places():
            pages = self.ec2[place].get_paginator("describe_security_group_rules").paginate(
                Filters=[{"Name": "group-id", "Values": self.groups[place]}], MaxResults=1000)
            left += sum(1 for page in pages for r in page["SecurityGroupRules"]
                        if not r["IsEgress"] and r.get("CidrIpv4") == WORLD and r.get("FromPort") == port)
        return left

    def purge(self):
        for q in (self.shard_queue, self.request_queue, self.event_queue):
            self.sqs.purge_queue(QueueUrl=q)

    def roll_up(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for m in self.sqs.receive_message(QueueUrl=self.event_queue, MaxNumberOfMessages=10,
                                              WaitTimeSeconds=1).get("Messages", []):
                return json.loads(m["Body"])["detail"]
        return None


def finding(account, region, group, n):
    """An EC2.14 finding aggregated into the home region about a group in (account, region)."""
    return {"version": "0", "id": "bench-f-%d" % n, "detail-type": "Security Hub Findings - Imported",
            "source": "aws.securityhub", "account": OWN, "time": "2026-12-07T15:00:00Z", "region": HOME,
            "resources": [], "detail": {"findings": [{
                "SchemaVersion": "2018-10-08", "Id": "bench-finding-%s" % group,
                "ProductArn": "arn:aws:securityhub:%s::product/aws/securityhub" % region,
                "GeneratorId": "security-control/EC2.14", "AwsAccountId": account, "Region": region,
                "Compliance": {"Status": "FAILED", "SecurityControlId": "EC2.14"},
                "Workflow": {"Status": "NEW"}, "RecordState": "ACTIVE",
                "Resources": [{"Type": "AwsEc2SecurityGroup", "Region": region,
                               "Id": "arn:aws:ec2:%s:%s:security-group/%s" % (region, account, group)}]}]}}
