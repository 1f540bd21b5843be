package io.chainwatch.alert.rule;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule types, read from {@link Rule}'s {@code @JsonSubTypes} list (the registry): each listed record's
 * {@code KIND}. Lets code that holds only a type name (a stored alert event, a message) find the type's texts.
 */
public final class RuleTypes {

    private static final Map<String, RuleKind<?>> BY_NAME = load();

    private RuleTypes() {
    }

    /** Every type name, in the order of the registry. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Every type. */
    public static List<RuleKind<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The type of this name, or null. */
    public static RuleKind<?> of(String type) {
        return BY_NAME.get(type);
    }

    private static Map<String, RuleKind<?>> load() {
        Map<String, RuleKind<?>> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t
                : Rule.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            Class<?> c = t.value();
            try {
                Field f = c.getField("KIND");
                if (!Modifier.isStatic(f.getModifiers()) || !(f.get(null) instanceof RuleKind<?> kind)) {
                    problems.add(c.getName() + ".KIND is not a static RuleKind");
                    continue;
                }
                if (!kind.type().equals(t.name()) || kind.ruleClass() != c) {
                    problems.add(c.getName() + ".KIND names " + kind.type() + ", registered as " + t.name());
                }
                out.put(kind.type(), kind);
            } catch (ReflectiveOperationException e) {
                problems.add(c.getName() + " has no public static KIND: " + e);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return out;
    }
}
