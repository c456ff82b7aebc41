package dev.sgrevoker.handler;

import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.InputJson;
import dev.sgrevoker.intake.trigger.AccountPolicy;
import dev.sgrevoker.intake.trigger.ApplyDocument;
import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupTarget;
import dev.sgrevoker.model.InputForm;
import dev.sgrevoker.model.PlanLine;
import dev.sgrevoker.model.Requested;
import dev.sgrevoker.model.RevocationRequest;
import dev.sgrevoker.policy.SweepOrder;
import dev.sgrevoker.report.bucket.ReportBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reviewed plan, applied: the plan the function stored under {@code planId} is read back from the report bucket and
 * decides. The request's lines must all be lines of it, its stored expiry holds, and each rule becomes a request by
 * rule id carrying the before-image the plan recorded, which the engine revokes only if EC2 still describes the rule
 * so (else SKIPPED Drifted). Protection, exemptions, the limits and the reach hold as for any request.
 */
final class PlanApplication {
    /** A stored plan larger than this is not read: a plan that size is far past any revocation limit. */
    static final int MAX_STORED_BYTES = 32 << 20;

    private final Optional<ReportBucket> bucket;
    private final Clock clock;

    PlanApplication(Optional<ReportBucket> bucket, Clock clock) {
        this.bucket = bucket;
        this.clock = clock;
    }

    /** The plan's lines the request kept, as requests; refuses the whole plan, naming the field, when it may not run. */
    List<RevocationRequest> requests(SweepOrder.ApplyPlan order, AccountPolicy accounts) {
        FieldPath apply = FieldPath.named("apply");
        ReportBucket b = bucket.orElseThrow(() ->
                apply.invalid("this function has no report bucket (REPORT_BUCKET), so it stored no plan to apply"));
        String key = "reports/" + order.planId() + "/plan.json";
        if (order.planUri() != null && !order.planUri().equals("s3://" + b.name() + "/" + key)) {
            throw apply.child("planUri")
                    .invalid("plans are read only from the report bucket, at the plan's own key: s3://" + b.name() + "/"
                            + key);
        }
        ApplyDocument.Stored stored = stored(b, key, apply.child("planId"), order.planId());
        if (!clock.instant().isBefore(stored.expiresAt())) {
            throw apply.child("planId")
                    .invalid("plan " + order.planId() + " expired at " + stored.expiresAt()
                            + " (PLAN_TTL_DAYS); run the report-only sweep or dry run again for a new plan");
        }
        List<PlanLine> lines =
                order.lines() == null ? List.copyOf(stored.lines().keySet()) : order.lines();
        Map<String, List<Requested>> byGroup = new LinkedHashMap<>();
        Map<String, PlanLine> groupLine = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            PlanLine line = lines.get(i);
            DescribedRule planned = stored.lines().get(line);
            FieldPath at = apply.child("rules").index(i);
            if (planned == null) {
                throw at.invalid("is not a line of the stored plan " + order.planId() + " (" + line
                        + "): a plan may only lose lines");
            }
            accounts.refusal(line.account(), line.region()).ifPresent(why -> {
                throw at.invalid(why);
            });
            String group = line.account() + "/" + line.region() + "/" + line.groupId();
            groupLine.putIfAbsent(group, line);
            List<Requested> items = byGroup.computeIfAbsent(group, g -> new ArrayList<>());
            Requested item = new Requested.ByRuleId(line.ruleId(), "plan " + order.planId(), planned);
            if (!items.contains(item)) {
                items.add(item);
            }
        }
        List<RevocationRequest> requests = new ArrayList<>();
        byGroup.forEach((group, items) -> {
            PlanLine line = groupLine.get(group);
            requests.add(new RevocationRequest(
                    new GroupTarget.ById(line.groupId()),
                    items,
                    false,
                    InputForm.PLAN,
                    accounts.where(line.account(), line.region())));
        });
        return requests;
    }

    /** The stored plan; a plan never stored, unreadable or of another id is refused naming apply.planId. */
    private static ApplyDocument.Stored stored(ReportBucket b, String key, FieldPath planId, String id) {
        ApplyDocument.Stored stored;
        try (InputStream in = b.read(key)
                .orElseThrow(() -> planId.invalid(
                        "no plan " + id + " was stored by this function (s3://" + b.name() + "/" + key + ")"))) {
            stored = ApplyDocument.stored(
                    InputJson.read(in, MAX_STORED_BYTES, FieldPath.named(key)), FieldPath.named(key));
        } catch (ReportBucket.Refused e) {
            // Without s3:ListBucket, S3 answers AccessDenied for a key that does not exist.
            throw planId.invalid(
                    "the stored plan " + id + " could not be read (never stored, or refused): " + e.getMessage());
        } catch (InvalidRequestException e) {
            if (e.field().equals(planId.toString())) {
                throw e;
            }
            throw planId.invalid("the stored plan " + id + " is unreadable: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the stored plan " + key, e);
        }
        if (!stored.planId().equals(id)) {
            throw planId.invalid("the plan stored at " + key + " is " + stored.planId() + ", not " + id);
        }
        return stored;
    }
}
