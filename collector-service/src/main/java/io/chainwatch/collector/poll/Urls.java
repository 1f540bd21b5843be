package io.chainwatch.collector.poll;

import java.net.URI;

/** Node URLs as they may be shown in logs and messages. */
public final class Urls {

    private Urls() {
    }

    /**
     * The URL without user info ({@code https://user:secret@host/} → {@code https://host/}) and without its query (API
     * keys of hosted providers travel there as well as in the path: {@code ?apikey=...}); an unparsable URL is shown
     * as {@code <unparsable url>}. A key in the path (e.g. {@code /v3/<key>}) is cut to the path's first segment.
     */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return "<no url>";
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "<unparsable url>";
            }
            StringBuilder shown = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() >= 0) {
                shown.append(':').append(uri.getPort());
            }
            String path = uri.getRawPath();
            if (path != null && !path.isEmpty() && !"/".equals(path)) {
                int second = path.indexOf('/', 1);
                shown.append(second < 0 ? path : path.substring(0, second) + "/…");
            }
            return shown.toString();
        } catch (IllegalArgumentException e) {
            return "<unparsable url>";
        }
    }
}
