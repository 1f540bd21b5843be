package io.chainwatch.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Gives a Spring test context the servers its class's {@link EmbeddedServers} names, as properties that win over
 * the application's own configuration (test property sources still win over them).
 */
final class EmbeddedServersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedServers servers = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedServers.class);
        return servers == null ? null : new Customizer(servers.kafka(), servers.database());
    }

    /** Equal for equal annotations, so Spring reuses one context (and one database) across such classes. */
    private record Customizer(Broker kafka, String database) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> properties = new HashMap<>();
            if (kafka != Broker.NONE) {
                properties.put("spring.kafka.bootstrap-servers", SharedServers.kafka(kafka));
            }
            if (!database.isEmpty()) {
                properties.put("spring.datasource.url", SharedServers.database(database));
                properties.put("spring.datasource.username", SharedServers.POSTGRES_USER);
                properties.put("spring.datasource.password", SharedServers.POSTGRES_USER);
            }
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource servers = new MapPropertySource("chainwatch-embedded-servers", properties);
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, servers);
            } else {
                sources.addFirst(servers);
            }
        }
    }
}
