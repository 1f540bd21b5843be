package io.chainwatch.cdc.source;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.cdc.secret.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Creating, listing and deleting sources; a source is checked against its live database before it is saved. */
@Service
public class SourceService {

    private static final Logger log = LoggerFactory.getLogger(SourceService.class);

    private final SourceRepository repository;
    private final SourceProbe probe;
    private final SecretCipher cipher;
    private final ReaderControl readers;

    public SourceService(SourceRepository repository, SourceProbe probe, SecretCipher cipher, ReaderControl readers) {
        this.repository = repository;
        this.probe = probe;
        this.cipher = cipher;
        this.readers = readers;
    }

    public SourceView create(SourceRequest request) {
        if (repository.nameTaken(request.orgId(), request.name())) {
            throw new DuplicateSourceException(request.name());
        }
        SourceRequest.Database db = request.database();
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
        CdcSource source = new CdcSource(UUID.randomUUID(), request.orgId(), request.chainId(), request.name(),
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
        readers.refresh();
        return SourceView.of(source, readers.status(source.id()));
    }

    public SourceView get(UUID id) {
        CdcSource source = repository.find(id).orElseThrow(() -> new SourceNotFoundException(id));
        return SourceView.of(source, readers.status(id));
    }

    public List<SourceView> list(UUID orgId) {
        return repository.list(orgId).stream().map(s -> SourceView.of(s, readers.status(s.id()))).toList();
    }

    /** Stops reading, forgets the source and removes its slot and publication from the source database. */
    public void delete(UUID id) {
        CdcSource source = repository.find(id).orElseThrow(() -> new SourceNotFoundException(id));
        readers.stop(id);
        repository.delete(id);
        dropQuietly(source);
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
