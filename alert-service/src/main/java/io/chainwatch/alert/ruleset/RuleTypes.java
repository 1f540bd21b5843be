package io.chainwatch.alert.ruleset;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.chainwatch.alert.evaluate.RuleKind;
import io.chainwatch.alert.rule.Rule;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The rule types there are, found in their folders: every record under {@code rule/<type>/} that implements
 * {@link Rule} and has a {@code public static final RuleKind KIND}. Adding a type is adding its folder; nothing is
 * listed anywhere else. Jackson learns the JSON {@code type} names through {@link RuleTypesModule}; code that holds
 * only a type name (a stored alert event, a message, the metrics, the problem of an unknown type, a receiver's
 * routing) asks {@link #of} and {@link #names}.
 *
 * <p>The types are read once, when this class is first used, from the classpath under
 * {@value #PACKAGE}; a record without a proper {@code KIND}, or two records claiming one name, stop the service at
 * start with a message naming them.
 */
public final class RuleTypes {

    /** Where the rule types live, one subpackage each. */
    public static final String PACKAGE = "io.chainwatch.alert.rule";

    private static final Map<String, RuleKind<?>> BY_NAME = load();

    private RuleTypes() {
    }

    /** Every type name, in alphabetical order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Every type, in the order of {@link #names()}. */
    public static List<RuleKind<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The type of this name, or null. */
    public static RuleKind<?> of(String type) {
        return BY_NAME.get(type);
    }

    private static Map<String, RuleKind<?>> load() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Rule.class));
        ClassLoader loader = RuleTypes.class.getClassLoader();
        Map<String, RuleKind<?>> out = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(PACKAGE)) {
            String name = candidate.getBeanClassName();
            try {
                Class<?> type = ClassUtils.forName(name, loader);
                Field field = type.getField("KIND");
                if (!Modifier.isStatic(field.getModifiers()) || !(field.get(null) instanceof RuleKind<?> kind)) {
                    problems.add(name + ".KIND is not a static RuleKind");
                } else if (kind.ruleClass() != type) {
                    problems.add(name + ".KIND is the kind of " + kind.ruleClass().getName());
                } else if (out.putIfAbsent(kind.type(), kind) != null) {
                    problems.add(name + " and " + out.get(kind.type()).ruleClass().getName() + " both claim type "
                            + kind.type());
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                problems.add(name + " has no public static KIND: " + e);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("rule types under " + PACKAGE + ": " + String.join("; ", problems));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no rule type found under " + PACKAGE);
        }
        return out;
    }
}
