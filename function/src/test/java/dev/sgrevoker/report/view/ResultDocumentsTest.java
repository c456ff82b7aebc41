package dev.sgrevoker.report.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sgrevoker.model.RevocationResult;
import dev.sgrevoker.report.JsonText;
import dev.sgrevoker.report.ResultDocument;
import dev.sgrevoker.report.ResultParts;
import dev.sgrevoker.report.view.RuleRow.InterfaceExample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader over every form a result takes on the wire, and over a plan: the same rows from each. */
class ResultDocumentsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    /** One line per row: where, what, why and what became of it. */
    static String line(RuleRow r) {
        return String.join(
                " | ",
                r.account() + " " + r.region() + " " + r.vpcId() + " " + r.groupId() + " " + r.groupName(),
                r.ruleId() + " " + r.direction(),
                r.protocol() + " " + r.fromPort() + "-" + r.toPort() + " " + r.source() + " " + r.description(),
                String.valueOf(r.ruleTags()),
                String.valueOf(r.because()),
                r.outcome() + " " + r.errorCode() + " " + r.exemptUntil());
    }

    static List<String> lines(ReportSource source) {
        List<String> out = new ArrayList<>();
        source.forEachRow(r -> out.add(line(r)));
        return out;
    }

    private static final String WEB_AT = "111122223333 null vpc-0a1b2c3d4e5f60718 sg-0123456789abcdef0 web";
    private static final String DB_AT = "111122223333 null vpc-0a1b2c3d4e5f60718 sg-0fedcba9876543210 db";
    private static final List<String> SWEEP_ROWS = List.of(
            WEB_AT + " | sgr-0000000000000000a ingress | tcp 22-22 0.0.0.0/0 ssh & rdp; #1 {x}"
                    + " | {owner=web, ticket==cmd|' /C calc'!A0}"
                    + " | [EC2.13: port 22 (SSH) open to the world, EC2.19: high-risk ports open to the world]"
                    + " | DRY_RUN DryRunOperation null",
            WEB_AT + " | sgr-0000000000000000b ingress | -1 null-null ::/0 null | {} | [EC2.18: ports]"
                    + " | DRY_RUN DryRunOperation null",
            DB_AT + " | sgr-0000000000000000c ingress | tcp 5432-5432 444455556666/sg-0aaaaaaaaaaaaaaaa"
                    + " partner, \"proxy\" tier | {} | [allowedSources: not allowed] | DRY_RUN DryRunOperation null",
            DB_AT + " | sgr-0000000000000000d ingress | tcp 8080-8080 10.0.0.0/8 a | {} | [] | DRY_RUN DryRunOperation"
                    + " null",
            DB_AT + " | sgr-0000000000000000e ingress | tcp 8080-8080 10.0.0.0/8 b | {} | [] | DRY_RUN DryRunOperation"
                    + " null",
            WEB_AT + " | sgr-0000000000000000f ingress | tcp 3389-3389 0.0.0.0/0 rdp | null | [EC2.14: rdp]"
                    + " | EXEMPT null 2027-01-31",
            DB_AT + " | sgr-00000000000000010 ingress | tcp 23-23 0.0.0.0/0 null | null | [EC2.19: telnet]"
                    + " | EXEMPT null indefinite",
            DB_AT + " | sgr-00000000000000011 ingress | tcp 21-21 0.0.0.0/0 null | null | [EC2.19: ftp]"
                    + " | SKIPPED BlastRadiusExceeded null",
            WEB_AT + " | sgr-00000000000000012 ingress | tcp 25-25 0.0.0.0/0 null | null | [EC2.19: smtp]"
                    + " | FAILED UnauthorizedOperation null",
            WEB_AT + " | sgr-00000000000000013 ingress | tcp 110-110 0.0.0.0/0 null | null | [EC2.19: pop3]"
                    + " | NOT_FOUND null null");

    private Path write(String name, JsonNode doc) throws IOException {
        Path file = tmp.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            JsonText.write(doc, out);
        }
        return file;
    }

    @Test
    void aResponseWrittenByResultDocumentReadsBackAsOneRowPerRule() throws IOException {
        RevocationResult result = Results.sweep();

        ReportSource read = ResultDocuments.read(write("result.json", ResultDocument.response(result)));

        assertEquals(SWEEP_ROWS, lines(read));
        assertEquals(SWEEP_ROWS, lines(ReportSource.of(result)), "the function maps its own result the same way");
        ReportHeader h = read.header();
        assertEquals(ReportHeader.Kind.RESULT, h.kind());
        assertEquals("inv-1", h.invocationId());
        assertEquals("sweep", h.inputForm());
        assertEquals(Boolean.TRUE, h.dryRun());
        assertEquals(
                Map.of("DRY_RUN", 4, "EXEMPT", 2, "SKIPPED", 1, "FAILED", 1, "NOT_FOUND", 1, "REVOKED", 0),
                h.statedCounts());
        assertEquals(40, h.sweep().rulesScanned());
        assertEquals(3, h.sweep().groupsScanned());
    }

    @Test
    void theResultEventsPartsReadTogetherGiveTheSameRows() throws IOException {
        RevocationResult result = Results.sweep();
        ArrayNode parts = MAPPER.createArrayNode();
        ResultParts.of(result).forEach(parts::add);

        ReportSource read = ResultDocuments.read(write("parts.json", parts));

        // A part lists unrevoked entries before revoked ones; in a dry run none is revoked, so the order holds.
        assertEquals(SWEEP_ROWS, lines(read));
        assertEquals(List.of(1), read.header().partsSeen());
        assertEquals(false, read.header().partial());
    }

    @Test
    void anEventEnvelopeAQueueMessageAndALogLineAreUnwrapped() throws IOException {
        ObjectNode detail = ResultParts.of(Results.sweep()).get(0);
        ObjectNode event = MAPPER.createObjectNode()
                .put("detail-type", "Security Group Ingress Revocation Result")
                .put("source", "sg-revoker")
                .put("account", "111122223333")
                .put("region", "eu-west-1");
        event.set("detail", detail);
        ObjectNode received = MAPPER.createObjectNode();
        received.putArray("Messages").addObject().put("MessageId", "m-1").put("Body", JsonText.of(detail));
        ObjectNode logLine = MAPPER.createObjectNode().put("kind", "result");
        logLine.set("result", ResultDocument.response(Results.sweep()));

        ReportSource fromEvent = ResultDocuments.read(write("event.json", event));
        assertEquals(SWEEP_ROWS.size(), lines(fromEvent).size());
        assertEquals("eu-west-1", fromEvent.header().region(), "the event's region is the result's");
        fromEvent.forEachRow(r -> assertEquals("eu-west-1", r.region()));
        assertEquals(SWEEP_ROWS, lines(ResultDocuments.read(write("received.json", received))));
        assertEquals(SWEEP_ROWS, lines(ResultDocuments.read(write("log.json", logLine))));
    }

    @Test
    void fieldsOtherHelpersAddAreReadWherePresent() throws IOException {
        ObjectNode doc = (ObjectNode) MAPPER.readTree("""
                {"invocationId": "inv-2", "runId": "run-1", "account": "111122223333", "region": "eu-west-1",
                 "counts": {"DRY_RUN": 2}, "dryRun": true, "inputForm": "sweep",
                 "report": {"bucket": "b", "prefix": "reports/run-1/111122223333/eu-west-1/", "keys": []},
                 "permissions": [
                  {"groupId": "sg-1", "region": "us-east-2", "direction": "egress", "vpcId": "vpc-1",
                   "permission": {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                                  "PrefixListIds": [{"PrefixListId": "pl-1", "Description": "cdn"}]},
                   "ruleId": "sgr-1", "ruleTags": {"b": "2", "a": "1"}, "because": ["EC2.2: default", "x: y"],
                   "controls": ["EC2.2"], "outcome": "DRY_RUN", "interfacesUsingGroup": 7,
                   "interfaceExamples": [{"interfaceId": "eni-1", "interfaceType": "network_load_balancer",
                     "requesterId": "amazon-elb", "description": "ELB net/web"}, {}, {}, {}, {}, {"interfaceId": "eni-6"}],
                   "groupShared": true, "groupSharedReason": "VPC shared with 222233334444"},
                  {"groupId": "sg-2", "permission": {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1,
                                                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                   "ruleId": "sgr-2", "outcome": "EXEMPT", "reason": "kept", "exemptUntil": "2030-01-01",
                   "interfacesUsingGroup": 0, "groupShared": "peered with pcx-1"}]}""");

        List<RuleRow> rows = new ArrayList<>();
        ResultDocuments.read(write("future.json", doc)).forEachRow(rows::add);

        RuleRow egress = rows.get(0);
        assertEquals("us-east-2", egress.region(), "an entry's own region wins over the header's");
        assertEquals("111122223333", egress.account(), "the header's account where the entry has none");
        assertEquals("egress", egress.direction());
        assertEquals("pl-1", egress.source());
        assertEquals("cdn", egress.description());
        assertEquals(List.of("b", "a"), List.copyOf(egress.ruleTags().keySet()), "the document's order");
        assertEquals(List.of("EC2.2: default", "x: y"), egress.because());
        assertEquals(List.of("EC2.2"), egress.controls(), "stated, not read from because");
        assertEquals(7, egress.groupUse().interfaces());
        assertEquals(5, egress.groupUse().examples().size(), "at most five examples");
        assertEquals(
                new InterfaceExample("eni-1", "network_load_balancer", null, "amazon-elb", "ELB net/web"),
                egress.groupUse().examples().get(0));
        assertEquals("VPC shared with 222233334444", egress.groupUse().sharedReason());
        RuleRow icmp = rows.get(1);
        assertEquals("eu-west-1", icmp.region());
        assertEquals(8, icmp.fromPort());
        assertEquals(-1, icmp.toPort());
        assertEquals("2030-01-01", icmp.exemptUntil(), "stated, not read from the reason");
        assertEquals("peered with pcx-1", icmp.groupUse().sharedReason());
        assertTrue(!icmp.groupUse().unused(), "a shared group is never called unused");
        assertEquals("run-1", ResultDocuments.read(doc).header().runId());
        assertEquals(
                "s3://b/reports/run-1/111122223333/eu-west-1/plan.json",
                ResultDocuments.read(doc).header().report().uriOf("plan.json"));
    }

    @Test
    void aResultWrittenBeforeControlsHasThemReadFromBecauseButNeverAnExemptionNote() throws IOException {
        ObjectNode doc = (ObjectNode) MAPPER.readTree("""
                {"invocationId": "inv-3", "counts": {"REVOKED": 1},
                 "permissions": [
                  {"groupId": "sg-1", "ruleId": "sgr-1", "outcome": "REVOKED",
                   "permission": {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                   "because": "Security Hub EC2.13: port 22 (SSH) open to the world (finding f); tag sg-revoker:exempt=2025-01-31 on the rule sgr-1 ended after 2025-01-31: no longer an exemption; allowedSources: not 10.0.0.0/8"}]}""");

        List<RuleRow> rows = new ArrayList<>();
        ResultDocuments.read(write("old.json", doc)).forEachRow(rows::add);

        assertEquals(List.of("EC2.13", "allowedSources"), rows.get(0).controls());
    }

    @Test
    void aPlanReadsAsRowsWithoutAnOutcome() {
        ReportSource plan = ResultDocuments.read(Results.SAMPLES.resolve("plan.json"));

        ReportHeader h = plan.header();
        assertEquals(ReportHeader.Kind.PLAN, h.kind());
        assertEquals("plan-7f3c9a2e", h.plan().planId());
        assertEquals("2026-12-06T06:00:05Z", h.plan().expiresAt());
        List<RuleRow> rows = new ArrayList<>();
        plan.forEachRow(rows::add);
        assertEquals(8, rows.size());
        RuleRow first = rows.get(0);
        assertNull(first.outcome());
        assertEquals("111122223333", first.account());
        assertEquals("eu-west-1", first.region());
        assertEquals("sgr-0aaaaaaaaaaaaaaa1", first.ruleId());
        assertEquals("ingress", first.direction());
        assertEquals("tcp", first.protocol());
        assertEquals("ssh for vendor-x & ops; ticket #4711 {INC-42}", first.description());
        assertTrue(first.offending(), "a plan line is a rule to revoke");
    }

    @Test
    void aFileThatHoldsNoResultIsRefusedByName() throws IOException {
        Path other = write("other.json", MAPPER.readTree("{\"sweep\": {\"controls\": [\"EC2.13\"]}}"));

        var e = assertThrows(IllegalArgumentException.class, () -> ResultDocuments.read(other));
        assertTrue(e.getMessage().startsWith(other + " holds no sg-revoker result or plan"), e.getMessage());
    }

    @Test
    void sweepsReadTogetherAddUpTheirNumbersAndANumberNeitherStatesStaysUnstated() throws IOException {
        ReportHeader hostile = ReportHeader.of(MAPPER.readTree(
                Results.SAMPLES.resolve("hostile-sweep-result.json").toFile()));
        ReportHeader shard = ReportHeader.of(MAPPER.readTree(
                Results.SAMPLES.resolve("member-shard-result.json").toFile()));

        ReportHeader.Sweep both = ReportHeader.merged(List.of(hostile, shard)).sweep();

        assertEquals(hostile.sweep().groupsScanned() + shard.sweep().groupsScanned(), (int) both.groupsScanned());
        assertNull(hostile.sweep().blastRadiusSelected());
        assertNull(both.blastRadiusSelected(), "neither was stopped by the limit");
    }

    /**
     * A 100,000-entry result streamed from a source that makes its bytes as they are asked for: each row arrives
     * when the parser has read little past its entry, so neither the text nor the entries are ever held whole.
     */
    @Test
    void entriesAreReadOneAtATimeNotTheWholeDocument() {
        int entries = 100_000;
        AtomicLong read = new AtomicLong();
        ResultDocuments.Input input = () -> counted(generated(entries), read);
        ReportSource source = ResultDocuments.read(input, "generated");
        long headerWalk = read.getAndSet(0);
        int[] rows = {0};
        long[] furthestAhead = {0};
        source.forEachRow(r -> {
            rows[0]++;
            furthestAhead[0] = Math.max(furthestAhead[0], read.get() - (long) rows[0] * ENTRY_BYTES);
        });

        assertEquals(entries, rows[0]);
        assertEquals(headerWalk, read.get(), "both walks read the whole input");
        assertTrue(read.get() > (long) entries * ENTRY_BYTES, "the input is " + read.get() + " bytes");
        assertTrue(
                furthestAhead[0] < 64 * 1024,
                "the parser ran " + furthestAhead[0] + " bytes ahead of the row it delivered");
    }

    private static final String ENTRY = """
            {"groupId":"sg-0123456789abcdef0","account":"111122223333","groupName":"web",\
            "permission":{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]},\
            "ruleId":"sgr-0000000000000000a","tags":{},"outcome":"DRY_RUN","because":"EC2.13: x"},""";
    private static final int ENTRY_BYTES = ENTRY.length();

    private static InputStream generated(int entries) {
        byte[] head = "{\"invocationId\":\"big\",\"counts\":{},\"permissions\":[".getBytes(StandardCharsets.UTF_8);
        byte[] entry = ENTRY.getBytes(StandardCharsets.UTF_8);
        byte[] last = ENTRY.substring(0, ENTRY.length() - 1).concat("]}").getBytes(StandardCharsets.UTF_8);
        Enumeration<InputStream> parts = new Enumeration<>() {
            int i = -1;

            @Override
            public boolean hasMoreElements() {
                return i < entries;
            }

            @Override
            public InputStream nextElement() {
                if (!hasMoreElements()) {
                    throw new NoSuchElementException();
                }
                i++;
                return new ByteArrayInputStream(i == 0 ? head : i == entries ? last : entry);
            }
        };
        return new SequenceInputStream(parts);
    }

    private static InputStream counted(InputStream in, AtomicLong count) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count.addAndGet(n);
                }
                return n;
            }
        };
    }
}
