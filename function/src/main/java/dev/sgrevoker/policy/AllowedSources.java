package dev.sgrevoker.policy;

import dev.sgrevoker.model.GroupFacts;
import dev.sgrevoker.model.Permission;
import dev.sgrevoker.model.RuleSource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A custom policy: where ingress may come from. A rule breaks it when its IPv4 or IPv6 CIDR lies outside every
 * allowed block of its family, or it references a group of an account that is neither the group's own nor listed.
 * Prefix lists are allowed (their entries are managed elsewhere); ports do not matter.
 *
 * @param cidrs canonical CIDR blocks (as {@link dev.sgrevoker.model.Cidr} writes them), IPv4 and IPv6 mixed
 * @param accounts 12-digit account ids whose groups may be referenced, besides the group's own account
 */
public record AllowedSources(List<String> cidrs, Set<String> accounts) implements Check {
    public AllowedSources {
        cidrs = List.copyOf(cidrs);
        accounts = Set.copyOf(accounts);
        cidrs.forEach(CidrBlock::parse); // fails early on anything not canonical
    }

    @Override
    public String because() {
        return "allowedSources: the source is not among " + (cidrs.isEmpty() ? "(no CIDR)" : String.join(",", cidrs))
                + " or a group of this account" + (accounts.isEmpty() ? "" : " or of " + new TreeSet<>(accounts));
    }

    @Override
    public String control() {
        return "allowedSources";
    }

    @Override
    public boolean appliesTo(GroupFacts group) {
        return true;
    }

    @Override
    public boolean onlyForDefaultGroups() {
        return false;
    }

    @Override
    public boolean breaks(GroupFacts group, Permission rule) {
        return switch (rule.source()) {
            case RuleSource.Ipv4Range r -> !inside(r.cidr());
            case RuleSource.Ipv6Range r -> !inside(r.cidr());
            case RuleSource.PrefixList p -> false;
            case RuleSource.GroupReference g ->
                g.userId() != null && !g.userId().equals(group.ownerId()) && !accounts.contains(g.userId());
        };
    }

    private boolean inside(String cidr) {
        CidrBlock block = CidrBlock.parse(cidr);
        return cidrs.stream().map(CidrBlock::parse).anyMatch(a -> a.contains(block));
    }
}
