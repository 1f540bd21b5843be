package io.chainwatch.registry.web;

import java.util.ArrayList;
import java.util.List;

import io.chainwatch.registry.RegistryProperties;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Paged lists. The body stays a JSON array (the foundation's list contract); the page is described by headers:
 * {@code X-Total-Count} (rows over all pages) and {@code Link} with {@code rel="next"} / {@code rel="prev"}.
 */
@Component
public class Paging {

    public static final String TOTAL_COUNT = "X-Total-Count";

    private final RegistryProperties.Paging settings;

    Paging(RegistryProperties properties) {
        this.settings = properties.paging();
    }

    /** Validates {@code ?page=} and {@code ?size=} (either may be absent). */
    public PageRequest request(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? settings.defaultSize() : size;
        if (p < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (s < 1 || s > settings.maxSize()) {
            throw new InvalidRequestException("size", "must be between 1 and " + settings.maxSize());
        }
        return new PageRequest(p, s);
    }

    /** 200 with the page's rows as a JSON array and the paging headers. */
    public <T> ResponseEntity<List<T>> ok(Page<T> page, PageRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TOTAL_COUNT, Long.toString(page.total()));
        List<String> links = new ArrayList<>();
        if (request.offset() + page.items().size() < page.total()) {
            links.add("<" + link(request.page() + 1, request.size()) + ">; rel=\"next\"");
        }
        if (request.page() > 0) {
            links.add("<" + link(request.page() - 1, request.size()) + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            headers.set(HttpHeaders.LINK, String.join(", ", links));
        }
        return ResponseEntity.ok().headers(headers).body(page.items());
    }

    private static String link(int page, int size) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("page", page)
                .replaceQueryParam("size", size)
                .build().toUriString();
    }
}
