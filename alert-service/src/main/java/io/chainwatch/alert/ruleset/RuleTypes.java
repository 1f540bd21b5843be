package io.chainwatch.alert.ruleset;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.chainwatch.alert.evaluate.RuleKind;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.consistency.ConsistencyRule;
import io.chainwatch.alert.rule.lagging.LaggingRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import io.chainwatch.alert.rule.rate.RateRule;
import io.chainwatch.alert.rule.threshold.ThresholdRule;
import org.springframework.boot.jackson.JacksonMixin;

/**
 * The rule types: the one list of them. Its {@code @JsonSubTypes} is applied to {@link Rule} as a Jackson mix-in, so
 * Jackson reads the JSON {@code type} from it: Spring's JSON mapper finds it by {@link JacksonMixin}; a mapper built
 * by hand takes it with {@code addMixIn(Rule.class, RuleTypes.class)}. Each listed record's {@code KIND} is read
 * from here (and checked against its name) for code that holds only a type name: a stored alert event, a message,
 * the metrics, the problem of an unknown type. Adding a type is its folder {@code rule/<type>/} plus its line here.
 *
 * <p>A list in one annotation rather than Spring-bean discovery, because rules are read by plain Jackson mappers too;
 * on a mix-in rather than on {@code Rule} itself, so that {@code Rule} (below the engine) names no type (above it).
 */
@JacksonMixin(Rule.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChainStalledRule.class, name = ChainStalledRule.TYPE),
        @JsonSubTypes.Type(value = NodeUnreachableRule.class, name = NodeUnreachableRule.TYPE),
        @JsonSubTypes.Type(value = ThresholdRule.class, name = ThresholdRule.TYPE),
        @JsonSubTypes.Type(value = LaggingRule.class, name = LaggingRule.TYPE),
        @JsonSubTypes.Type(value = RateRule.class, name = RateRule.TYPE),
        @JsonSubTypes.Type(value = ConsistencyRule.class, name = ConsistencyRule.TYPE)})
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
        for (JsonSubTypes.Type t : RuleTypes.class.getAnnotation(JsonSubTypes.class).value()) {
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
