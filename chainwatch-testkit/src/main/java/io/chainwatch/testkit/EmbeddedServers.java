package io.chainwatch.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The real servers a test class needs: the JVM's shared embedded PostgreSQL and Kafka broker ({@link SharedServers}),
 * started before the class's first test.
 *
 * <p>A Spring test context ({@code @SpringBootTest}) of an annotated class gets them as properties:
 * {@code spring.kafka.bootstrap-servers}, and with {@link #database()} {@code spring.datasource.url} (that database,
 * created on first use), {@code username} and {@code password}. Classes with equal annotations share the database,
 * as they share a cached context. Tests that start applications themselves ask {@link SharedServers} for
 * {@link SharedServers#newDatabase(String) a new database} and {@link SharedServers#kafkaBootstrap() the broker}.
 *
 * <pre>{@code
 * @EmbeddedServers(kafka = Broker.DECLARED_TOPICS, database = "registry")
 * @SpringBootTest
 * class RegistryIT { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedServersExtension.class)
@ContextCustomizerFactories(EmbeddedServersContextCustomizerFactory.class)
public @interface EmbeddedServers {

    /** The shared Kafka broker and how it is set up; {@link Broker#NONE} for none. */
    Broker kafka() default Broker.NONE;

    /** Start the shared PostgreSQL (implied by a {@link #database()}). */
    boolean postgres() default false;

    /**
     * A database of the shared PostgreSQL for the class's Spring context, by name (created on first use, kept for
     * the JVM); empty for none.
     */
    String database() default "";
}
