package io.chainwatch.alert.ruleset;

import io.chainwatch.alert.evaluate.RuleKind;
import org.springframework.stereotype.Component;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;

/**
 * Tells Jackson the JSON {@code type} name of each {@link RuleTypes rule type}, so that a {@code Rule} is read as its
 * record. Spring's JSON mapper takes it as a bean; a mapper built by hand adds it:
 * {@code JsonMapper.builder().addModule(new RuleTypesModule())}.
 */
@Component
public class RuleTypesModule extends SimpleModule {

    public RuleTypesModule() {
        super("chainwatch-rule-types");
        for (RuleKind<?> kind : RuleTypes.all()) {
            registerSubtypes(new NamedType(kind.ruleClass(), kind.type()));
        }
    }
}
