package io.chainwatch.alert.web;

import java.lang.reflect.Type;

import io.chainwatch.alert.ingest.KnownChains;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A rule in a request body (create, validate, dry run) may only name a chain of its organization that this service
 * knows ({@link KnownChains}: a chain with at least one registered node); any other chain id — another
 * organization's or one that does not exist — is answered 404, before anything is validated or written, the same
 * for every one of those endpoints. Rules scoped by alliance (no {@code chainId}) are not concerned.
 * {@code chainwatch.alert.rules.require-known-chain=false} turns the check off (tests of rule logic without nodes).
 */
@ControllerAdvice
public class RuleChainCheck extends RequestBodyAdviceAdapter {

    private final KnownChains chains;
    private final boolean enabled;

    public RuleChainCheck(KnownChains chains,
                          @Value("${chainwatch.alert.rules.require-known-chain:true}") boolean enabled) {
        this.chains = chains;
        this.enabled = enabled;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return enabled && parameter.getParameterType() == Rule.class;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof Rule rule && rule.chainId() != null) {
            Caller caller = Caller.current();
            java.util.UUID org = rule.orgId() != null ? rule.orgId() : caller.orgId();
            String chain = rule.chainId().toString();
            boolean visible = org != null ? chains.belongsTo(chain, org.toString())
                    : caller.isPlatformAdmin() && chains.orgOf(chain).isPresent();
            if (!visible) {
                throw new NotFoundException("chain", chain + " (a rule's chain must be one of the organization's"
                        + " chains with at least one registered node)");
            }
        }
        return body;
    }
}
