package io.chainwatch.alert.support;

import io.chainwatch.testkit.SharedServers;
import java.util.LinkedHashMap;
import java.util.Map;

import io.chainwatch.alert.AlertServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The real application, started against the test servers; can be stopped and started again (restart tests). */
public final class AlertApp implements AutoCloseable {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private ConfigurableApplicationContext context;

    public AlertApp(String jdbcUrl, int smtpPort) {
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("spring.kafka.bootstrap-servers", SharedServers.kafkaBootstrap());
        properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(smtpPort));
        properties.put("spring.mail.properties.mail.smtp.connectiontimeout", "1000");
        properties.put("spring.mail.properties.mail.smtp.timeout", "1000");
        properties.put("chainwatch.alert.backoff-base", "200ms");
        properties.put("chainwatch.alert.backoff-cap", "1s");
        securityProperties().forEach(properties::put);
        // rules on chains that no target announced: the tests of rule logic feed targets after (or without) rules;
        // RequestSafetyIT turns the check on
        properties.put("chainwatch.alert.rules.require-known-chain", "false");
    }

    /** A fixed AES-256 key for receiver secrets in tests (base64). */
    public static final String SECRETS_KEY = "dGVzdC1rZXktb2YtdGhlLWFsZXJ0LXNlcnZpY2UtMzI=";

    /**
     * What the service needs to run behind the test gateway ({@link io.chainwatch.testkit.TestCallers}): its public
     * key, webhooks on this machine allowed (the local stub servers), and a key for receiver secrets.
     */
    public static Map<String, String> securityProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(io.chainwatch.testkit.TestCallers.PUBLIC_KEY_PROPERTY, io.chainwatch.testkit.TestCallers.publicKey());
        p.put("chainwatch.security.urls.allow-loopback", "true");
        p.put("chainwatch.alert.secrets.key", SECRETS_KEY);
        return p;
    }

    public AlertApp with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public AlertApp start() {
        // as command-line arguments: they override application.yml (builder properties would not)
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(AlertServiceApplication.class).run(args);
        return this;
    }

    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** The management port: actuator endpoints (health, prometheus) are served there only, on loopback. */
    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
    }

    /** A URL on the management port. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort() + path;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        stop();
    }
}
