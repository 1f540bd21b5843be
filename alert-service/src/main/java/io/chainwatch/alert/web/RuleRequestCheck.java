package io.chainwatch.alert.web;

import java.lang.reflect.Type;

import io.chainwatch.alert.ingest.KnownChains;
import io.chainwatch.alert.problem.NotFoundException;
import io.chainwatch.alert.quota.Quotas;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Checks of a rule in a request body (create, edit, validate, dry run) that depend on the service's state, the same for
 * each of those endpoints: its {@code emailTo} within the organization's quota {@code recipients-per-rule} (409),
 * and its chain. A rule may only name a chain of its organization that this service
 * knows ({@link KnownChains}: a chain with at least one registered node); any other chain id — another
 * organization's or one that does not exist — is answered 404, before anything is validated or written, the same
 * for every one of those endpoints. A chain not known yet is waited for up to
 * {@code chainwatch.alert.rules.known-chain-wait} (2 s): its first node may have been registered a moment ago.
 * Rules scoped by alliance (no {@code chainId}) are not concerned.
 * {@code chainwatch.alert.rules.require-known-chain=false} turns the check off (tests of rule logic without nodes).
 */
@ControllerAdvice
public class RuleRequestCheck extends RequestBodyAdviceAdapter {

    private final KnownChains chains;
    private final boolean requireKnownChain;
    private final java.time.Duration knownChainWait;
    private final Quotas quotas;

    public RuleRequestCheck(KnownChains chains, Quotas quotas,
                            @Value("${chainwatch.alert.rules.require-known-chain:true}") boolean requireKnownChain,
                            @Value("${chainwatch.alert.rules.known-chain-wait:2s}") java.time.Duration knownChainWait) {
        this.chains = chains;
        this.quotas = quotas;
        this.requireKnownChain = requireKnownChain;
        this.knownChainWait = knownChainWait;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType() == Rule.class;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (!(body instanceof Rule rule)) {
            return body;
        }
        Caller caller = Caller.current();
        java.util.UUID org = rule.orgId() != null ? rule.orgId() : caller.orgId();
        if (org != null && caller.canAccess(org) && rule.emailTo() != null) {
            quotas.checkRecipients(org, rule.emailTo().size());
        }
        if (requireKnownChain && rule.chainId() != null) {
            java.util.UUID chain = rule.chainId();
            // a chain whose first node was registered a moment ago may still be on its way here: wait that long
            java.util.Optional<java.util.UUID> owner = chains.orgOf(chain, knownChainWait);
            boolean visible = org != null ? owner.map(org::equals).orElse(false)
                    : caller.isPlatformAdmin() && owner.isPresent();
            if (!visible) {
                throw new NotFoundException("chain", chain + " (a rule's chain must be one of the organization's"
                        + " chains with at least one registered node)");
            }
        }
        return body;
    }
}
