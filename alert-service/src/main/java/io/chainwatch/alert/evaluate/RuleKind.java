package io.chainwatch.alert.evaluate;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import io.chainwatch.alert.rule.Rule;

/**
 * One rule type: its JSON {@code type}, its record, its condition and its default texts. Each rule record (in
 * {@code rule/<type>/}) holds its kind as {@code public static final RuleKind<...> KIND}; the engine finds it from
 * the rule with {@link #of(Rule)}, so it knows no rule type by name.
 */
public record RuleKind<R extends Rule>(String type, Class<R> ruleClass, Condition<R> condition, RuleTexts texts) {

    private static final ClassValue<RuleKind<?>> BY_CLASS = new ClassValue<>() {
        @Override
        protected RuleKind<?> computeValue(Class<?> type) {
            try {
                Field f = type.getField("KIND");
                if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof RuleKind<?> kind
                        && kind.ruleClass() == type) {
                    return kind;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " has no public static KIND", e);
            }
            throw new IllegalStateException(type.getName() + ".KIND is not its static RuleKind");
        }
    };

    /** The kind of this rule: its record's {@code KIND}. */
    @SuppressWarnings("unchecked")
    public static <R extends Rule> RuleKind<R> of(R rule) {
        return (RuleKind<R>) BY_CLASS.get(rule.getClass());
    }
}
