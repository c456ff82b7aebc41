package dev.sgrevoker.config;

import dev.sgrevoker.exception.ConfigurationException;
import dev.sgrevoker.exception.InvalidRequestException;
import dev.sgrevoker.intake.FieldPath;
import dev.sgrevoker.intake.Scalars;
import dev.sgrevoker.model.PortRange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Typed reads of the environment's text, each refusing what it cannot read with a ConfigurationException naming the
 * setting: only the documented values turn a knob, nothing is guessed at.
 */
record SettingReader(Map<String, String> env) {

    /** The value, trimmed; empty when unset or blank. */
    Optional<String> text(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A comma-separated list; {@code whenUnset} when the variable is absent (set but empty is an empty list). */
    Set<String> list(String name, String whenUnset) {
        return Arrays.stream(env.getOrDefault(name, whenUnset).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A list whose every item must pass {@code valid}, else the setting is refused naming the first that does not. */
    Set<String> list(String name, Predicate<String> valid, String isNot) {
        Set<String> items = list(name, "");
        items.stream().filter(valid.negate()).sorted().findFirst().ifPresent(bad -> {
            throw new ConfigurationException(name, "'" + bad + "' is not " + isNot);
        });
        return items;
    }

    /** As {@link #list(String, Predicate, String)}, in the order given (duplicates once). */
    List<String> orderedList(String name, Predicate<String> valid, String isNot) {
        List<String> items = Arrays.stream(env.getOrDefault(name, "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        items.stream().filter(valid.negate()).findFirst().ifPresent(bad -> {
            throw new ConfigurationException(name, "'" + bad + "' is not " + isNot);
        });
        return items;
    }

    /** Only {@code on} turns the knob on; unset, blank or {@code off} leave it off; anything else is refused. */
    boolean flag(String name, String on, String off) {
        String value = env.get(name);
        if (value == null || value.isBlank() || value.trim().equals(off)) {
            return false;
        }
        if (!value.trim().equals(on)) {
            throw new ConfigurationException(
                    name,
                    "'" + value + "' is neither '" + on + "' nor '" + off + "'; leave it unset for '" + off + "'");
        }
        return true;
    }

    /** A whole number of at least 1, or {@code whenUnset} when unset or blank. */
    int positive(String name, int whenUnset, String isNot) {
        Optional<String> v = text(name);
        if (v.isEmpty()) {
            return whenUnset;
        }
        if (!v.get().matches("[0-9]{1,9}") || Integer.parseInt(v.get()) < 1) {
            throw new ConfigurationException(name, "'" + env.get(name) + "' is not " + isNot);
        }
        return Integer.parseInt(v.get());
    }

    /** Ports and ranges ("80,1024-1030"); {@code whenUnset} when the variable is absent (set but empty is none). */
    List<PortRange> ports(String name, List<PortRange> whenUnset) {
        if (!env.containsKey(name)) {
            return whenUnset;
        }
        try {
            return Scalars.portList(List.of(env.get(name).split(",")), FieldPath.named(name));
        } catch (InvalidRequestException e) {
            throw new ConfigurationException(e.field(), e.reason());
        }
    }
}
