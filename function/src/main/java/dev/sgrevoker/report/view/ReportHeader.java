package dev.sgrevoker.report.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a result or a plan says about itself, beside its rows: who asked and when, what a sweep read, the counts the
 * function stated, which part of a split result this is, and where its report and plan are. Several documents read
 * together (the parts of one result, or a sweep and the results of the groups it handed over) merge into one header:
 * the first one's words, and counts added up once per distinct invocation or message.
 */
public record ReportHeader(
        Kind kind,
        String invocationId,
        String messageId,
        String runId,
        String trigger,
        String time,
        String inputForm,
        Boolean dryRun,
        String account,
        String region,
        Map<String, Integer> statedCounts,
        Sweep sweep,
        String rejected,
        List<Integer> partsSeen,
        Integer parts,
        int documents,
        Plan plan,
        Location report) {

    public enum Kind {
        RESULT,
        PLAN
    }

    /** A sweep's header numbers; each null where no document said it. */
    public record Sweep(
            Integer groupsScanned,
            Integer rulesScanned,
            Integer selected,
            Integer handedOverGroups,
            Integer blastRadiusSelected) {
        static final Sweep NONE = new Sweep(null, null, null, null, null);

        Sweep plus(Sweep o) {
            return new Sweep(
                    add(groupsScanned, o.groupsScanned),
                    add(rulesScanned, o.rulesScanned),
                    add(selected, o.selected),
                    add(handedOverGroups, o.handedOverGroups),
                    add(blastRadiusSelected, o.blastRadiusSelected));
        }
    }

    /** A plan's identity and expiry, as its document states them (the function holds the stored ones). */
    public record Plan(String planId, String createdAt, String expiresAt, String planUri) {}

    /** Where the function wrote the report ({@code report: {bucket, prefix, keys}} in a result). */
    public record Location(String bucket, String prefix, List<String> keys) {
        public Location {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        /** {@code s3://bucket/key} of the key ending in {@code name}, or of prefix + name; null without a bucket. */
        public String uriOf(String name) {
            if (bucket == null) {
                return null;
            }
            for (String key : keys) {
                if (key.equals(name) || key.endsWith("/" + name)) {
                    return "s3://" + bucket + "/" + key;
                }
            }
            if (prefix == null) {
                return null;
            }
            return "s3://" + bucket + "/" + (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + name;
        }
    }

    public ReportHeader {
        statedCounts = statedCounts == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(statedCounts));
        partsSeen = partsSeen == null ? List.of() : List.copyOf(partsSeen);
        sweep = sweep == null ? Sweep.NONE : sweep;
    }

    /** The header of one document: its fields other than the entries (a plan's {@code apply} without its rules). */
    public static ReportHeader of(JsonNode doc) {
        JsonNode apply = doc.path("apply");
        // A plan's own fields; a result that wrote a plan may name it with planId beside its header.
        Plan plan = apply.isObject()
                ? new Plan(
                        text(apply, "planId"),
                        text(apply, "createdAt"),
                        text(apply, "expiresAt"),
                        text(apply, "planUri"))
                : text(doc, "planId") != null ? new Plan(text(doc, "planId"), null, null, null) : null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        doc.path("counts").properties().forEach(c -> {
            if (c.getValue().canConvertToInt()) {
                counts.put(c.getKey(), c.getValue().intValue());
            }
        });
        JsonNode rejected = doc.path("rejected");
        JsonNode report = doc.path("report");
        List<String> keys = new ArrayList<>();
        report.path("keys").forEach(k -> {
            if (k.isTextual()) {
                keys.add(k.textValue());
            }
        });
        Integer part = integer(doc, "part");
        return new ReportHeader(
                apply.isObject() ? Kind.PLAN : Kind.RESULT,
                text(doc, "invocationId"),
                text(doc, "messageId"),
                text(doc, "runId"),
                text(doc, "trigger"),
                text(doc, "time") != null ? text(doc, "time") : text(apply, "createdAt"),
                text(doc, "inputForm"),
                doc.path("dryRun").isBoolean() ? doc.get("dryRun").booleanValue() : null,
                text(doc, "account"),
                text(doc, "region"),
                counts,
                new Sweep(
                        integer(doc, "groupsScanned"),
                        integer(doc, "rulesScanned"),
                        integer(doc, "selected"),
                        integer(doc, "handedOverGroups"),
                        integer(doc.path("blastRadiusExceeded"), "selected")),
                rejected.isObject() ? text(rejected, "field") + ": " + text(rejected, "reason") : null,
                part == null ? List.of() : List.of(part),
                integer(doc, "parts"),
                1,
                plan,
                report.isObject() ? new Location(text(report, "bucket"), text(report, "prefix"), keys) : null);
    }

    /**
     * One header for documents read together: the first one's words, with counts and sweep numbers added up once per
     * distinct invocation or message (the parts of one result repeat the same counts).
     */
    public static ReportHeader merged(List<ReportHeader> documents) {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no document to read a header from");
        }
        ReportHeader out = documents.get(0);
        Set<String> seen = new LinkedHashSet<>(List.of(out.key()));
        for (ReportHeader later : documents.subList(1, documents.size())) {
            out = out.with(later, seen.add(later.key()));
        }
        return out;
    }

    private ReportHeader with(ReportHeader later, boolean another) {
        Map<String, Integer> counts = new LinkedHashMap<>(statedCounts);
        if (another) {
            later.statedCounts.forEach((k, v) -> counts.merge(k, v, Integer::sum));
        }
        Set<Integer> seenParts = new LinkedHashSet<>(partsSeen);
        seenParts.addAll(later.partsSeen);
        return new ReportHeader(
                kind == Kind.PLAN || later.kind == Kind.PLAN ? Kind.PLAN : Kind.RESULT,
                first(invocationId, later.invocationId),
                first(messageId, later.messageId),
                first(runId, later.runId),
                first(trigger, later.trigger),
                first(time, later.time),
                first(inputForm, later.inputForm),
                dryRun != null ? dryRun : later.dryRun,
                first(account, later.account),
                first(region, later.region),
                counts,
                another ? sweep.plus(later.sweep) : sweep,
                first(rejected, later.rejected),
                new ArrayList<>(seenParts),
                parts != null ? parts : later.parts,
                documents + later.documents,
                plan != null ? plan : later.plan,
                report != null ? report : later.report);
    }

    /** Which invocation (and SQS message) a document belongs to: parts of one result share it. */
    String key() {
        return invocationId + "/" + messageId + "/" + (plan == null ? "" : plan.planId());
    }

    /** Fills the account and region a document leaves out from its envelope (an EventBridge event's own). */
    public ReportHeader placedIn(String envelopeAccount, String envelopeRegion) {
        if ((account != null || envelopeAccount == null) && (region != null || envelopeRegion == null)) {
            return this;
        }
        return new ReportHeader(
                kind,
                invocationId,
                messageId,
                runId,
                trigger,
                time,
                inputForm,
                dryRun,
                first(account, envelopeAccount),
                first(region, envelopeRegion),
                statedCounts,
                sweep,
                rejected,
                partsSeen,
                parts,
                documents,
                plan,
                report);
    }

    /** True when this holds only some parts of a split result: its stated counts cover rows not here. */
    public boolean partial() {
        return parts != null && parts > 1 && partsSeen.size() < parts;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static Integer add(Integer a, Integer b) {
        // Not one conditional expression: mixed with an int sum it would unbox a null.
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }
}
