package io.chainwatch.security.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an API call is named in an audit entry, from its method and path (or matched route): {@code POST
 * /api/v1/rules} is {@code rule.create}, {@code PUT /api/v1/rules/{id}} {@code rule.update}, {@code DELETE}
 * {@code rule.delete}, {@code POST /api/v1/alerts/{fp}/acknowledge} {@code alert.acknowledge}. Shared by the
 * services' {@link AuditFilter} and the gateway's audit of the calls it refuses, so both name a call alike.
 */
public final class AuditRoutes {

    /** The actor of a call that carried no valid credential. */
    public static final String ANONYMOUS = "anonymous";

    private static final Pattern ID_LIKE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]+|[0-9a-fA-F]{16,}");

    private AuditRoutes() {
    }

    /** What the route says: resource type, verb, resource id. */
    public record Route(String resourceType, String verb, String resourceId) {
    }

    /**
     * @param matched whether {@code path} is the matched route pattern (variables as {@code {name}}) or the raw path
     *                (then segments that look like ids are the variables)
     */
    public static Route route(String method, String path, Map<String, String> variables, boolean matched) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        // drop "api"/"internal" and a version segment
        int start = 0;
        if (start < segments.size() && (segments.get(start).equals("api") || segments.get(start).equals("internal"))) {
            start++;
        }
        if (start < segments.size() && segments.get(start).matches("v[0-9]+")) {
            start++;
        }
        String collection = null;
        String id = null;
        String action = null;
        boolean afterId = false;
        for (int i = start; i < segments.size(); i++) {
            String segment = segments.get(i);
            String variable = variable(segment, variables, matched);
            if (variable != null) {
                id = variable;
                afterId = true;
                action = null;
            } else if (afterId && i == segments.size() - 1 && !segment.endsWith("s")) {
                action = segment; // POST /alerts/{fp}/acknowledge
            } else {
                collection = segment;
                id = null;
                afterId = false;
                action = null;
            }
        }
        String type = collection == null ? "unknown" : singular(collection);
        String verb;
        if (action != null) {
            verb = action;
        } else if (method.equals("DELETE")) {
            verb = "delete";
        } else if (method.equals("POST") && id == null) {
            verb = "create";
        } else if (method.equals("POST")) {
            verb = "post";
        } else {
            verb = "update";
        }
        return new Route(type, verb, id);
    }

    private static String variable(String segment, Map<String, String> variables, boolean matched) {
        if (matched) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                int colon = name.indexOf(':');
                if (colon >= 0) {
                    name = name.substring(0, colon);
                }
                return variables.getOrDefault(name, segment);
            }
            return null;
        }
        return ID_LIKE.matcher(segment).matches() ? segment : null;
    }

    static String singular(String collection) {
        if (collection.endsWith("ies")) {
            return collection.substring(0, collection.length() - 3) + "y";
        }
        if (collection.endsWith("sses") || collection.endsWith("ches")) {
            return collection.substring(0, collection.length() - 2);
        }
        if (collection.endsWith("s") && !collection.endsWith("ss")) {
            return collection.substring(0, collection.length() - 1);
        }
        return collection;
    }

}
