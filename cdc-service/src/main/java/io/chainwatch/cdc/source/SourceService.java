package io.chainwatch.cdc.source;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.cdc.secret.SecretCipher;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.security.UrlGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creating, listing and deleting sources; a source is checked against its live database before it is saved.
 * Every operation is bound to the caller's organization: a source of another organization is reported as not found
 * (its existence is not revealed), and creating or deleting a source (which holds database credentials) needs the
 * role org-admin. A source's JDBC URL is checked ({@link JdbcUrl}, {@link UrlGuard}) before anything connects to it.
 */
@Service
public class SourceService {

    private static final Logger log = LoggerFactory.getLogger(SourceService.class);

    private final SourceRepository repository;
    private final SourceProbe probe;
    private final SecretCipher cipher;
    private final ReaderControl readers;
    private final UrlGuard urlGuard;

    public SourceService(SourceRepository repository, SourceProbe probe, SecretCipher cipher, ReaderControl readers,
                         UrlGuard urlGuard, io.chainwatch.cdc.quota.Quotas quotas) {
        this.quotas = quotas;
        this.urlGuard = urlGuard;
        this.repository = repository;
        this.probe = probe;
        this.cipher = cipher;
        this.readers = readers;
    }

    private final io.chainwatch.cdc.quota.Quotas quotas;

    public SourceView create(SourceRequest request) {
        Caller caller = Caller.current();
        caller.require(Role.ORG_ADMIN);
        UUID orgId = caller.owningOrg(request.orgId());
        SourceRequest.Database db = request.database();
        checkUrl(db.jdbcUrl());
        if (repository.nameTaken(orgId, request.name())) {
            throw new DuplicateSourceException(request.name());
        }
        quotas.checkOneMore(orgId);
        Map<String, String> problems;
        try {
            problems = probe.problems(request);
        } catch (SQLException e) {
            throw new InvalidSourceException("Cannot connect to the source database " + db.jdbcUrl() + ": "
                    + e.getMessage(), Map.of("database", "unreachable or login refused"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSourceException("The configuration does not fit table " + request.schema() + "."
                    + request.table() + ".", problems);
        }
        CdcSource source = new CdcSource(UUID.randomUUID(), orgId, request.chainId(), request.name(),
                db.jdbcUrl(), db.username(), cipher.encrypt(db.password()), cipher.fingerprint(db.password()),
                request.schema(), request.table(), Map.copyOf(request.metrics()), request.tags(), true, Instant.now());
        try {
            // the slot is made now, so that every row committed after this call answers is captured
            probe.createReplication(db.jdbcUrl(), db.username(), db.password(), source);
        } catch (SQLException e) {
            throw new InvalidSourceException("Cannot set up logical replication on the source: " + e.getMessage()
                    + " (the user needs the REPLICATION attribute and must own the table)",
                    Map.of("database", "cannot create publication or replication slot"));
        }
        try {
            repository.insert(source);
        } catch (RuntimeException e) {
            dropQuietly(source);
            throw e;
        }
        log.info("{} created CDC source {} ({}) of organization {}", caller.describe(), source.id(), source.name(),
                orgId);
        readers.refresh();
        return view(source, new HashMap<>());
    }

    public SourceView get(UUID id) {
        return view(visible(id, Caller.current()), new HashMap<>());
    }

    /** The caller's organization's sources; a platform admin's: all, or those of {@code orgId}. */
    public List<SourceView> list(UUID orgId) {
        UUID scope = Caller.current().listScope(orgId);
        Map<UUID, Boolean> deactivated = new HashMap<>();
        return repository.list(scope).stream().map(s -> view(s, deactivated)).toList();
    }

    /**
     * The source with what its reader does here, or PAUSED while its organization is deactivated ({@code deactivated}:
     * the organizations' states already read for this answer, one query per organization).
     */
    private SourceView view(CdcSource source, Map<UUID, Boolean> deactivated) {
        SourceStatus status = readers.status(source.id());
        if (status == SourceStatus.IDLE && deactivated.computeIfAbsent(source.orgId(), repository::deactivated)) {
            status = SourceStatus.PAUSED;
        }
        return SourceView.of(source, status);
    }

    /** Stops reading, forgets the source and removes its slot and publication from the source database. */
    public void delete(UUID id) {
        Caller caller = Caller.current();
        CdcSource source = visible(id, caller);
        caller.require(Role.ORG_ADMIN);
        log.info("{} deletes CDC source {} ({}) of organization {}", caller.describe(), id, source.name(),
                source.orgId());
        readers.stop(id);
        repository.delete(id);
        dropQuietly(source);
    }

    /**
     * Stops reading every source of a deleted organization, forgets them and removes their slots and publications
     * from the source databases (as {@link #delete} does for one); returns how many. Not a caller's request: the
     * registry's deletion record ({@code io.chainwatch.cdc.organization}).
     */
    public int deleteAllOf(UUID orgId) {
        List<CdcSource> all = repository.list(orgId);
        for (CdcSource source : all) {
            log.info("Organization {} deleted: deleting its CDC source {} ({})", orgId, source.id(), source.name());
            readers.stop(source.id());
            repository.delete(source.id());
            dropQuietly(source);
        }
        return all.size();
    }

    /** The source if the caller may see it; otherwise, as when there is none, a 404. */
    private CdcSource visible(UUID id, Caller caller) {
        return repository.find(id).filter(s -> caller.canAccess(s.orgId()))
                .orElseThrow(() -> new SourceNotFoundException(id));
    }

    /** A 400 naming the field unless the URL is strict and every host is one ChainWatch may connect to. */
    private void checkUrl(String jdbcUrl) {
        for (JdbcUrl.HostPort host : JdbcUrl.parse(jdbcUrl).hosts()) {
            urlGuard.checkHost(JdbcUrl.FIELD, host.host());
        }
    }

    private void dropQuietly(CdcSource source) {
        try {
            probe.dropReplication(source.jdbcUrl(), source.username(), cipher.decrypt(source.passwordCipher()), source);
        } catch (SQLException | RuntimeException e) {
            log.warn("could not drop the replication slot/publication {} of source {} on {}: {}",
                    source.replicationName(), source.id(), source.jdbcUrl(), e.getMessage());
        }
    }
}
