package io.chainwatch.cdc.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.chainwatch.security.UnsafeUrlException;
import org.postgresql.Driver;

/**
 * A source's JDBC URL, read strictly: {@code jdbc:postgresql://host[:port][,host[:port]...]/database[?params]},
 * IPv6 literals in brackets. Only a few harmless connection parameters are accepted: many pgjdbc parameters make
 * the driver load a class ({@code socketFactory}, {@code sslfactory}, {@code authenticationPluginClassName}...), read
 * or write a file of this service ({@code sslrootcert}, {@code sslkey}, {@code loggerFile}, {@code service}...),
 * use this service's own credentials (Kerberos/GSS) or connect to another host ({@code PGHOST}), and
 * {@code user}/{@code password} in the URL would bypass the encrypted password. The result is compared with what
 * pgjdbc itself reads from the URL, so that the hosts checked are the hosts the driver connects to.
 *
 * @param hosts    the hosts as written (IPv6 with brackets), in order
 * @param database the database name
 * @param params   the connection parameters, decoded
 */
public record JdbcUrl(List<HostPort> hosts, String database, Map<String, String> params) {

    /** The field the errors name. */
    public static final String FIELD = "database.jdbcUrl";

    static final String PREFIX = "jdbc:postgresql://";

    /** Parameters a source URL may carry, with their allowed values ({@code null}: checked by pattern below). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "sslmode", Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
            "channelBinding", Set.of("disable", "prefer", "require"),
            "targetServerType", Set.of("any", "primary", "master", "secondary", "slave", "preferPrimary",
                    "preferSecondary", "preferSlave"),
            "loadBalanceHosts", Set.of("true", "false"),
            "tcpKeepAlive", Set.of("true", "false"),
            "hostRecheckSeconds", Set.of());

    /** Parameters named in the error as dangerous, lower case (any parameter not in {@link #ALLOWED} is refused). */
    static final Set<String> DANGEROUS = Set.of("socketfactory", "socketfactoryarg", "sslfactory", "sslfactoryarg",
            "sslrootcert", "sslcert", "sslkey", "sslpassword", "sslpasswordcallback", "sslhostnameverifier",
            "loggerfile", "loggerlevel", "authenticationpluginclassname", "service", "pghost", "pgport",
            "pgdbname", "gsslib", "gssencmode", "jaasapplicationname", "jaaslogin", "kerberosservername",
            "usespnego", "sspiservicename", "gssusedefaultcreds", "localsocketaddress", "socksproxyhost",
            "socksproxyport", "options", "replication", "xmlfactoryfactory");

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** One host of the URL; {@code port} 5432 when not written. */
    public record HostPort(String host, int port) {
    }

    public JdbcUrl {
        hosts = List.copyOf(hosts);
        params = Map.copyOf(params);
    }

    /** Reads {@code url}; an {@link UnsafeUrlException} naming {@link #FIELD} and saying what is wrong otherwise. */
    public static JdbcUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("is required");
        }
        if (!url.startsWith(PREFIX)) {
            throw invalid("must look like jdbc:postgresql://host:port/database");
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw invalid("must not contain spaces or control characters");
        }
        if (url.indexOf('#') >= 0) {
            throw invalid("must not contain '#'");
        }
        String rest = url.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw invalid("must name a database: jdbc:postgresql://host:port/database");
        }
        List<HostPort> hosts = hosts(rest.substring(0, slash));
        String path = rest.substring(slash + 1);
        int question = path.indexOf('?');
        String database = question < 0 ? path : path.substring(0, question);
        if (database.isEmpty()) {
            throw invalid("must name a database: jdbc:postgresql://host:port/database");
        }
        if (database.indexOf('/') >= 0) {
            throw invalid("must name a database without '/'");
        }
        Map<String, String> params = question < 0 ? Map.of() : params(path.substring(question + 1));
        JdbcUrl parsed = new JdbcUrl(hosts, decode(database), params);
        parsed.sameAsDriver(url);
        return parsed;
    }

    private static List<HostPort> hosts(String authority) {
        if (authority.isEmpty()) {
            throw invalid("must name a host: jdbc:postgresql://host:port/database");
        }
        if (authority.indexOf('@') >= 0) {
            throw invalid("must not carry a user name or password; give them in the username and password fields");
        }
        if (authority.indexOf('%') >= 0) {
            throw invalid("must not percent-encode the host");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String part : authority.split(",", -1)) {
            if (part.isEmpty()) {
                throw invalid("has an empty host in its host list");
            }
            String host;
            String port = null;
            if (part.startsWith("[")) {
                int close = part.indexOf(']');
                if (close < 0) {
                    throw invalid("has an IPv6 address without its closing ']'");
                }
                String literal = part.substring(1, close);
                if (literal.isEmpty() || !IPV6.matcher(literal).matches() || literal.indexOf(':') < 0) {
                    throw invalid("has an invalid IPv6 address in brackets");
                }
                host = part.substring(0, close + 1);
                String after = part.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw invalid("has something other than ':port' after an IPv6 address");
                    }
                    port = after.substring(1);
                }
            } else {
                int colon = part.indexOf(':');
                if (colon >= 0 && part.indexOf(':', colon + 1) >= 0) {
                    throw invalid("must write an IPv6 address in brackets: jdbc:postgresql://[::1]:5432/database");
                }
                host = colon < 0 ? part : part.substring(0, colon);
                port = colon < 0 ? null : part.substring(colon + 1);
                if (host.isEmpty()) {
                    throw invalid("must name a host before ':port'");
                }
                if (!HOST_NAME.matcher(host).matches()) {
                    throw invalid("has an invalid host name");
                }
            }
            hosts.add(new HostPort(host, port(port)));
        }
        return hosts;
    }

    private static int port(String port) {
        if (port == null) {
            return 5432;
        }
        if (!PORT.matcher(port).matches()) {
            throw invalid("has an invalid port");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw invalid("has a port outside 1-65535");
        }
        return value;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawKey = equals < 0 ? pair : pair.substring(0, equals);
            if (rawKey.isEmpty()) {
                throw invalid("has an empty parameter name");
            }
            if (rawKey.indexOf('%') >= 0 || rawKey.indexOf('+') >= 0) {
                throw invalid("must not encode parameter names");
            }
            String key = rawKey;
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals("user") || lower.equals("password")) {
                throw invalid("must not carry parameter " + key
                        + ": give the user name and password in their own fields (the password is stored encrypted)");
            }
            if (DANGEROUS.contains(lower)) {
                throw invalid("must not carry parameter " + key + ": it could make the driver load code, read"
                        + " files of this service, use its credentials or connect elsewhere; allowed parameters: "
                        + allowed());
            }
            if (!ALLOWED.containsKey(key)) {
                throw invalid("carries parameter " + key + ", which is not supported here; allowed parameters: "
                        + allowed());
            }
            if (params.containsKey(key)) {
                throw invalid("carries parameter " + key + " twice");
            }
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            Set<String> values = ALLOWED.get(key);
            boolean ok = values.isEmpty() ? value.matches("[0-9]{1,6}") : values.contains(value);
            if (!ok) {
                throw invalid("parameter " + key + " must be " + (values.isEmpty() ? "a number of seconds"
                        : "one of " + String.join(", ", new TreeSet<>(values))));
            }
            params.put(key, value);
        }
        return params;
    }

    /** The driver must read the same hosts and no other parameter (a differential would defeat the checks). */
    private void sameAsDriver(String url) {
        Properties driver = Driver.parseURL(url, null);
        if (driver == null) {
            throw invalid("is not a JDBC URL the PostgreSQL driver accepts");
        }
        List<String> driverHosts = Arrays.asList(driver.getProperty("PGHOST", "").split(","));
        List<String> ours = hosts.stream().map(HostPort::host).toList();
        if (!driverHosts.equals(ours)) {
            throw invalid("could not be read unambiguously (hosts)");
        }
        for (String name : driver.stringPropertyNames()) {
            if (!Set.of("PGHOST", "PGPORT", "PGDBNAME").contains(name) && !params.containsKey(name)) {
                throw invalid("could not be read unambiguously (parameter " + name + ")");
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("has an invalid percent-encoding");
        }
    }

    private static String allowed() {
        return String.join(", ", new TreeSet<>(ALLOWED.keySet()));
    }

    private static UnsafeUrlException invalid(String reason) {
        return new UnsafeUrlException(FIELD, reason);
    }
}
