package io.chainwatch.registry.node;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An absolute {@code http}, {@code https}, {@code ws} or {@code wss} URL with a host (and, if given, a port
 * from 1 to 65535). {@code null} is valid: combine with {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = RpcUrlValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RpcUrl {

    String message() default "must be an absolute http, https, ws or wss URL with a host, e.g. http://127.0.0.1:8545";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
