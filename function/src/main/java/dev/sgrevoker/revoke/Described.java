package dev.sgrevoker.revoke;

import dev.sgrevoker.model.DescribedRule;
import dev.sgrevoker.model.GroupFacts;
import java.util.List;
import java.util.Map;

/** The groups EC2 knows (facts and tags) and their rules, as described before anything is revoked. */
record Described(Map<String, GroupFacts> groups, Map<String, List<DescribedRule>> rules) {}
