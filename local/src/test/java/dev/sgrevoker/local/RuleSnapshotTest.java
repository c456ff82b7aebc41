package dev.sgrevoker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sgrevoker.local.RuleSnapshot.GroupRules;
import dev.sgrevoker.local.RuleSnapshot.RuleLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSnapshotTest {
    private static final RuleLine SSH_WORLD = new RuleLine("sgr-1", "tcp   port 22           from 0.0.0.0/0");
    private static final RuleLine SSH_LAN = new RuleLine("sgr-2", "tcp   port 22           from 10.0.0.0/8");
    private static final RuleLine HTTPS = new RuleLine("sgr-3", "tcp   port 443          from 0.0.0.0/0");

    private static GroupRules web(RuleLine... rules) {
        return new GroupRules(null, "sg-web", "demo-web", "demo-vpc", List.of(rules));
    }

    @Test
    void onlyTheGroupsThatChangedAreListedWithTheirGoneAndNewRules() {
        GroupRules app = new GroupRules(null, "sg-app", "demo-app", "demo-vpc", List.of(HTTPS));
        RuleSnapshot before = new RuleSnapshot(List.of(app, web(SSH_WORLD, SSH_LAN)));
        RuleSnapshot after = new RuleSnapshot(List.of(app, web(SSH_LAN, HTTPS)));

        assertEquals(
                List.of(
                        "demo-web (sg-web, demo-vpc):",
                        "  - sgr-1                  tcp   port 22           from 0.0.0.0/0",
                        "  + sgr-3                  tcp   port 443          from 0.0.0.0/0"),
                after.changesSince(before));
    }

    @Test
    void egressChangesAreListedApartAndOnlyForTheGroupsWhoseEgressChanged() {
        RuleLine allOut = new RuleLine("sgr-9", "all   all ports         to 0.0.0.0/0");
        GroupRules before = new GroupRules(null, "sg-def", "default", "demo-vpc", List.of(SSH_LAN), List.of(allOut));
        GroupRules after = new GroupRules(null, "sg-def", "default", "demo-vpc", List.of(), List.of());
        RuleSnapshot then = new RuleSnapshot(List.of(web(SSH_WORLD), before));
        RuleSnapshot now = new RuleSnapshot(List.of(web(), after));

        assertEquals(
                List.of(
                        "default (sg-def, demo-vpc):",
                        "  - sgr-9                  all   all ports         to 0.0.0.0/0"),
                now.egressChangesSince(then));
        assertEquals(4, now.changesSince(then).size(), "ingress: two groups, a rule each");
    }

    @Test
    void nothingChangedIsNoLines() {
        RuleSnapshot snapshot = new RuleSnapshot(List.of(web(SSH_WORLD)));
        assertEquals(List.of(), snapshot.changesSince(new RuleSnapshot(List.of(web(SSH_WORLD)))));
    }

    @Test
    void aGroupInAMemberAccountIsKeptApartFromOurOwnWithTheSameId() {
        GroupRules member = new GroupRules("222222222222", "sg-web", "member-web", "default VPC", List.of(SSH_WORLD));
        RuleSnapshot before = new RuleSnapshot(List.of(web(SSH_WORLD), member));
        RuleSnapshot after = new RuleSnapshot(List.of(
                web(SSH_WORLD), new GroupRules("222222222222", "sg-web", "member-web", "default VPC", List.of())));

        assertEquals(
                List.of(
                        "member-web (sg-web, default VPC, account 222222222222):",
                        "  - sgr-1                  tcp   port 22           from 0.0.0.0/0"),
                after.changesSince(before));
    }

    @Test
    void aGroupCreatedOrDeletedIsSaidSo() {
        RuleSnapshot before = new RuleSnapshot(List.of(web(SSH_WORLD)));
        GroupRules added = new GroupRules(null, "sg-new", "added", "demo-vpc", List.of());

        assertEquals(
                List.of(
                        "demo-web (sg-web, demo-vpc): group deleted",
                        "  - sgr-1                  tcp   port 22           from 0.0.0.0/0",
                        "added (sg-new, demo-vpc): new group"),
                new RuleSnapshot(List.of(added)).changesSince(before));
    }

    @Test
    void aSnapshotReadsBackAsWritten(@TempDir Path dir) throws Exception {
        RuleSnapshot snapshot = new RuleSnapshot(List.of(web(SSH_WORLD, HTTPS)));
        Path file = dir.resolve("before.json");
        snapshot.write(file);

        assertEquals(snapshot, RuleSnapshot.read(file));
        assertEquals(false, Files.readString(file).contains("heading"));
    }
}
