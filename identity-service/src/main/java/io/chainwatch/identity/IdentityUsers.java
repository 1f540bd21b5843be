package io.chainwatch.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people who may sign in: those of {@code chainwatch.identity.users} and of the users file, which is read again
 * at every look-up (a person added to it can sign in at once). A password without an encoding prefix is taken as
 * plain text (development); {@code {bcrypt}...} and the other prefixes of Spring Security are understood.
 */
@Component
public class IdentityUsers implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(IdentityUsers.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final IdentityProperties properties;

    public IdentityUsers(IdentityProperties properties) {
        this.properties = properties;
        log.warn("The DEVELOPMENT identity provider is on ({} configured users{}): for the local stack and "
                        + "docker-compose; in production point the gateway at your company's OIDC provider",
                properties.users().size(), properties.usersFile() == null ? "" : ", users file " + properties.usersFile());
    }

    /** Everyone who may sign in now. */
    public List<IdentityProperties.User> all() {
        List<IdentityProperties.User> all = new ArrayList<>(properties.users());
        if (properties.usersFile() != null) {
            try {
                all.addAll(JSON.readValue(Files.readString(properties.usersFile()),
                        new TypeReference<List<IdentityProperties.User>>() { }));
            } catch (NoSuchFileException e) {
                // no file yet: only the configured users
            } catch (IOException | RuntimeException e) {
                log.error("users file {} cannot be read: {}", properties.usersFile(), e.toString());
            }
        }
        return all;
    }

    public Optional<IdentityProperties.User> find(String username) {
        return all().stream().filter(u -> u.username() != null && u.username().equals(username)).findFirst();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        IdentityProperties.User user = find(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        String password = user.password() == null ? "" : user.password();
        return User.withUsername(user.username())
                .password(password.startsWith("{") ? password : "{noop}" + password)
                .authorities(user.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                .build();
    }
}
