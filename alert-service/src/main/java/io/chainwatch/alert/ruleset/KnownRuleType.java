package io.chainwatch.alert.ruleset;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The name of a {@link RuleTypes rule type} (null passes: use {@code @NotNull} for that). Where a value routes or
 * filters by rule type, a misspelt one would silently match nothing, so it is refused naming the types there are.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownRuleType.Validator.class)
public @interface KnownRuleType {

    String message() default "must be a rule type";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts the names {@link RuleTypes#of} knows; the message lists them. */
    final class Validator implements ConstraintValidator<KnownRuleType, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || RuleTypes.of(value) != null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate() + ": "
                    + String.join(", ", RuleTypes.names())).addConstraintViolation();
            return false;
        }
    }
}
