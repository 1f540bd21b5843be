package io.chainwatch.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts the servers a class's {@link EmbeddedServers} names before its first test (so no test pays for it). */
final class EmbeddedServersExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        EmbeddedServers servers = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EmbeddedServers.class)
                .orElseThrow();
        SharedServers.start(servers);
    }
}
