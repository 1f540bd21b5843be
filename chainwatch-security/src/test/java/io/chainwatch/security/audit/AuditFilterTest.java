package io.chainwatch.security.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What the audit filter makes of a call: action and resource from the route, actor from the verified caller. */
class AuditFilterTest {

    private final List<AuditEntry> published = new ArrayList<>();
    private final AuditFilter filter = new AuditFilter("alert", published::add, JsonMapper.builder().build());

    @Test
    void actionsAndResourcesComeFromTheMatchedRoute() {
        assertThat(AuditRoutes.route("POST", "/api/v1/rules", Map.of(), true))
                .isEqualTo(new AuditRoutes.Route("rule", "create", null));
        assertThat(AuditRoutes.route("PUT", "/api/v1/rules/{id}", Map.of("id", "r1"), true))
                .isEqualTo(new AuditRoutes.Route("rule", "update", "r1"));
        assertThat(AuditRoutes.route("DELETE", "/api/v1/cdc/sources/{id}", Map.of("id", "s1"), true))
                .isEqualTo(new AuditRoutes.Route("source", "delete", "s1"));
        assertThat(AuditRoutes.route("POST", "/api/v1/alerts/{fingerprint}/acknowledge", Map.of("fingerprint", "fp"),
                true)).isEqualTo(new AuditRoutes.Route("alert", "acknowledge", "fp"));
        assertThat(AuditRoutes.route("POST", "/api/v1/organizations/{id}/api-keys", Map.of("id", "o1"), true))
                .isEqualTo(new AuditRoutes.Route("api-key", "create", null));
        assertThat(AuditRoutes.route("POST", "/api/v1/business-chains", Map.of(), true).resourceType())
                .isEqualTo("business-chain");
        assertThat(AuditRoutes.route("POST", "/api/v1/policies", Map.of(), true).resourceType()).isEqualTo("policy");
        // no matched route (refused before dispatch): id-like segments are the variables
        String id = UUID.randomUUID().toString();
        assertThat(AuditRoutes.route("DELETE", "/api/v1/nodes/" + id, Map.of(), false))
                .isEqualTo(new AuditRoutes.Route("node", "delete", id));
    }

    @Test
    void aRefusedCallIsAuditedWithTheVerifiedCallerNotWhatTheBodySays() throws Exception {
        UUID org = UUID.randomUUID();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/rules");
        request.setContentType("application/json");
        request.setContent("{\"actor\": \"user:someone-else\", \"orgId\": \"%s\"}".formatted(UUID.randomUUID())
                .getBytes());
        request.setAttribute(Caller.ATTRIBUTE, new Caller("user:viewer", org, Role.VIEWER));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res)
                    throws java.io.IOException {
                req.getInputStream().readAllBytes();
                ((jakarta.servlet.http.HttpServletResponse) res).setStatus(403);
                res.setContentType("application/problem+json");
                res.getWriter().write("{\"status\":403,\"detail\":\"A viewer can read but not change anything.\"}");
            }
        });
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("A viewer can read");
        assertThat(published).hasSize(1);
        AuditEntry entry = published.get(0);
        assertThat(entry.actor()).isEqualTo("user:viewer");
        assertThat(entry.actorOrgId()).isEqualTo(org.toString());
        assertThat(entry.orgId()).as("a member acts in its own organization").isEqualTo(org.toString());
        assertThat(entry.outcome()).isEqualTo("denied");
        assertThat(entry.service()).isEqualTo("alert");
        assertThat(entry.action()).isEqualTo("rule.create");
        assertThat(entry.details()).containsEntry("status", "403")
                .containsEntry("problem", "A viewer can read but not change anything.");
    }

    @Test
    void withoutATokenTheActorIsAnonymousAndReadsAreNotAudited() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("DELETE", "/api/v1/rules/" + UUID.randomUUID()), response,
                (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(401));
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/rules"), new MockHttpServletResponse(),
                new MockFilterChain());
        filter.doFilter(new MockHttpServletRequest("POST", "/actuator/refresh"), new MockHttpServletResponse(),
                new MockFilterChain());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).actor()).isEqualTo(AuditFilter.ANONYMOUS);
        assertThat(published.get(0).outcome()).isEqualTo("denied");
        assertThat(published.get(0).action()).isEqualTo("rule.delete");
    }

    @Test
    void aPlatformAdminsCreationBelongsToTheOrganizationOfTheCreatedResource() throws Exception {
        UUID org = UUID.randomUUID();
        UUID created = UUID.randomUUID();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/rules");
        request.setAttribute(Caller.ATTRIBUTE, Caller.platformAdmin("user:root"));
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(201);
            res.getWriter().write("{\"id\":\"%s\",\"orgId\":\"%s\"}".formatted(created, org));
        });
        AuditEntry entry = published.get(0);
        assertThat(entry.orgId()).isEqualTo(org.toString());
        assertThat(entry.actorOrgId()).isNull();
        assertThat(entry.resourceId()).isEqualTo(created.toString());
        assertThat(entry.outcome()).isEqualTo("success");
    }

    @Test
    void aCallTheServiceRecordedItselfIsNotPublishedTwiceUnlessItFailed() throws Exception {
        MockHttpServletRequest ok = new MockHttpServletRequest("POST", "/api/v1/chains");
        ok.setAttribute(AuditFilter.RECORDED, Boolean.TRUE);
        filter.doFilter(ok, new MockHttpServletResponse(),
                (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(201));
        assertThat(published).isEmpty();
        MockHttpServletRequest failed = new MockHttpServletRequest("POST", "/api/v1/chains");
        failed.setAttribute(AuditFilter.RECORDED, Boolean.TRUE);
        filter.doFilter(failed, new MockHttpServletResponse(),
                (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(409));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).outcome()).isEqualTo("failed");
    }
}
