package io.chainwatch.registry.organization;

import io.chainwatch.security.Caller;
import io.chainwatch.security.ForbiddenException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses every API request of a caller bound to a deactivated (or deleted) organization (its people; its API keys
 * are already refused when the gateway verifies them) with a 403 problem saying so. Platform admins and ChainWatch components
 * belong to no organization and pass.
 */
@Configuration
class DeactivatedOrganizations implements WebMvcConfigurer, HandlerInterceptor {

    private final OrganizationRepository organizations;

    DeactivatedOrganizations(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (caller != null && caller.orgId() != null && organizations.isDeactivated(caller.orgId())) {
            throw organizations.findById(caller.orgId()).filter(Organization::deleted).isPresent()
                    ? deleted(caller.orgId()) : deactivated(caller.orgId());
        }
        return true;
    }

    /** The 403 for a caller of a deleted organization. */
    static ForbiddenException deleted(java.util.UUID orgId) {
        return new ForbiddenException("Organization " + orgId + " is deleted: its people and API keys are refused.");
    }

    /** The 403 for a caller of a deactivated organization. */
    static ForbiddenException deactivated(java.util.UUID orgId) {
        return new ForbiddenException("Organization " + orgId + " is deactivated: its people and API keys are refused"
                + " until a platform admin reactivates it.");
    }
}
