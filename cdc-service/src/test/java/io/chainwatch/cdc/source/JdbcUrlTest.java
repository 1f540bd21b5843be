package io.chainwatch.cdc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import io.chainwatch.security.UnsafeUrlException;
import io.chainwatch.security.UrlGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlTest {

    @Test
    void readsOneOrSeveralHostsWithPortsAndIpv6InBrackets() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db1.example.com:5433,db2.example.com,[2001:db8::1]:6432/app"
                + "?sslmode=verify-full&targetServerType=primary");
        assertThat(url.hosts()).containsExactly(new JdbcUrl.HostPort("db1.example.com", 5433),
                new JdbcUrl.HostPort("db2.example.com", 5432), new JdbcUrl.HostPort("[2001:db8::1]", 6432));
        assertThat(url.database()).isEqualTo("app");
        assertThat(url.params()).isEqualTo(Map.of("sslmode", "verify-full", "targetServerType", "primary"));

        assertThat(JdbcUrl.parse("jdbc:postgresql://[::1]/postgres").hosts())
                .containsExactly(new JdbcUrl.HostPort("[::1]", 5432));
        assertThat(JdbcUrl.parse("jdbc:postgresql://10.1.2.3:5432/db?").params()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"socketFactory=org.example.Evil", "socketFactoryArg=x", "sslfactory=org.example.Evil",
            "sslrootcert=/etc/passwd", "sslcert=/root/.ssh/id_rsa", "sslkey=/etc/shadow", "sslpassword=x",
            "sslpasswordcallback=org.example.Cb", "sslhostnameverifier=org.example.V", "loggerFile=/tmp/x.log",
            "loggerLevel=TRACE", "authenticationPluginClassName=org.example.P", "service=prod", "PGHOST=10.0.0.1",
            "PGPORT=22", "PGDBNAME=x", "gssEncMode=require", "jaasApplicationName=x", "kerberosServerName=x",
            "localSocketAddress=127.0.0.1", "options=-c%20log_statement=all", "replication=database",
            "SOCKETFACTORY=x"})
    void refusesParametersThatLoadCodeReadFilesOrGoElsewhere(String param) {
        String name = param.substring(0, param.indexOf('='));
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://db.example.com:5432/app?sslmode=require&" + param))
                .isInstanceOfSatisfying(UnsafeUrlException.class, e -> {
                    assertThat(e.field()).isEqualTo("database.jdbcUrl");
                    assertThat(e.reason()).contains("must not carry parameter " + name)
                            .contains("allowed parameters: channelBinding");
                    assertThat(e.getBody().getStatus()).isEqualTo(400);
                });
    }

    @Test
    void refusesCredentialsUnknownParametersBadValuesAndDuplicates() {
        assertThat(reason("jdbc:postgresql://h/db?password=secret")).contains("must not carry parameter password")
                .doesNotContain("secret");
        assertThat(reason("jdbc:postgresql://h/db?user=postgres")).contains("must not carry parameter user");
        assertThat(reason("jdbc:postgresql://h/db?prepareThreshold=0")).contains("prepareThreshold, which is not supported");
        assertThat(reason("jdbc:postgresql://h/db?sslmode=allowall")).contains("sslmode must be one of");
        assertThat(reason("jdbc:postgresql://h/db?hostRecheckSeconds=abc")).contains("a number of seconds");
        assertThat(reason("jdbc:postgresql://h/db?sslmode=require&sslmode=disable")).contains("twice");
        assertThat(reason("jdbc:postgresql://h/db?%73ocketFactory=x")).contains("must not encode parameter names");
        assertThat(reason("jdbc:postgresql://h/db?=x")).contains("empty parameter name");
    }

    @Test
    void refusesHostListsTheDriverWouldReadOtherwise() {
        assertThat(reason("jdbc:postgresql://:5432/db")).contains("must name a host");
        assertThat(reason("jdbc:postgresql:///db")).contains("must name a host");
        assertThat(reason("jdbc:postgresql://h1,/db")).contains("empty host");
        assertThat(reason("jdbc:postgresql://,h1/db")).contains("empty host");
        assertThat(reason("jdbc:postgresql://::1/db")).contains("IPv6 address in brackets");
        assertThat(reason("jdbc:postgresql://[::1/db")).contains("closing ']'");
        assertThat(reason("jdbc:postgresql://[evil.com]/db")).contains("invalid IPv6");
        assertThat(reason("jdbc:postgresql://[::1]x/db")).contains("':port'");
        assertThat(reason("jdbc:postgresql://user:pw@h/db")).contains("user name or password");
        assertThat(reason("jdbc:postgresql://h%2e/db")).contains("percent-encode");
        assertThat(reason("jdbc:postgresql://h:99999/db")).contains("outside 1-65535");
        assertThat(reason("jdbc:postgresql://h:0/db")).contains("outside 1-65535");
        assertThat(reason("jdbc:postgresql://h:x/db")).contains("invalid port");
        assertThat(reason("jdbc:postgresql://h_/db")).contains("invalid host name");
        assertThat(reason("jdbc:postgresql://h/db#x")).contains("'#'");
        assertThat(reason("jdbc:postgresql://h")).contains("must name a database");
        assertThat(reason("jdbc:postgresql://h/")).contains("must name a database");
        assertThat(reason("jdbc:postgresql://h/a/b")).contains("without '/'");
        assertThat(reason("jdbc:postgresql://h /db")).contains("spaces");
        assertThat(reason("jdbc:mysql://h/db")).contains("must look like jdbc:postgresql://");
        assertThat(reason(" ")).contains("is required");
    }

    @Test
    void everyHostGoesThroughTheUrlGuard() {
        UrlGuard guard = new UrlGuard(UrlGuard.Policy.PUBLIC_ONLY, host -> switch (host) {
            case "public.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            case "rebind.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("169.254.169.254")};
            default -> new InetAddress[] {InetAddress.getByName(host)};
        });
        // what SourceService#checkUrl does
        java.util.function.Consumer<String> check = url -> JdbcUrl.parse(url).hosts()
                .forEach(h -> guard.checkHost(JdbcUrl.FIELD, h.host()));

        check.accept("jdbc:postgresql://public.example.com:5432,93.184.216.35/app");
        for (String url : List.of("jdbc:postgresql://public.example.com,10.0.0.5:5432/app",
                "jdbc:postgresql://127.0.0.1:5432/app", "jdbc:postgresql://[::1]:5432/app",
                "jdbc:postgresql://[fd00::1]/app", "jdbc:postgresql://rebind.example.com/app",
                "jdbc:postgresql://0.0.0.0/app", "jdbc:postgresql://192.168.1.1/app")) {
            assertThatThrownBy(() -> check.accept(url)).as(url).isInstanceOfSatisfying(UnsafeUrlException.class,
                    e -> assertThat(e.field()).isEqualTo("database.jdbcUrl"));
        }
    }

    private static String reason(String url) {
        try {
            JdbcUrl.parse(url);
        } catch (UnsafeUrlException e) {
            assertThat(e.field()).isEqualTo("database.jdbcUrl");
            return e.reason();
        }
        throw new AssertionError("accepted: " + url);
    }
}
