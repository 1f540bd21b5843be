package io.chainwatch.registry.businesschain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.alliance.Alliance;
import io.chainwatch.registry.alliance.AllianceRepository;
import io.chainwatch.registry.alliance.Member;
import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.organization.ResourceSpaceRepository;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.PreconditionFailedException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creates, updates, deletes and reads business chains and blockchains; every write is audited. */
@Service
public class BusinessChainService {

    private final BusinessChainRepository repository;
    private final AllianceRepository alliances;
    private final ResourceSpaceRepository spaces;
    private final AuditLog audit;
    private final JsonMapper json;

    BusinessChainService(BusinessChainRepository repository, AllianceRepository alliances,
            ResourceSpaceRepository spaces, AuditLog audit, JsonMapper json) {
        this.repository = repository;
        this.alliances = alliances;
        this.spaces = spaces;
        this.audit = audit;
        this.json = json;
    }

    // --- business chains -----------------------------------------------------------------------------------

    @Transactional
    public BusinessChain create(BusinessChainRequest request) {
        List<UUID> members = validMembers(request);
        BusinessChain chain = new BusinessChain(UUID.randomUUID(), request.allianceId(), request.ownerOrgId(),
                request.name(), request.createMode(), members, now(), null, 1);
        try {
            repository.insert(chain);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("The alliance already has a business chain named '" + request.name() + "'", e);
        }
        BusinessChain created = getChain(chain.id());
        audit.record(created.ownerOrgId(), "business-chain.create", "business-chain", created.id(), null, created);
        return created;
    }

    @Transactional
    public BusinessChain update(UUID id, BusinessChainRequest request, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        BusinessChain current = repository.findChain(id, true).orElseThrow(() -> new NotFoundException("business chain", id));
        ETags.check(required, current.version(), "business chain");
        if (!current.allianceId().equals(request.allianceId())) {
            throw new InvalidRequestException("allianceId", "cannot change (is " + current.allianceId() + ")");
        }
        if (!current.ownerOrgId().equals(request.ownerOrgId())) {
            throw new InvalidRequestException("ownerOrgId", "cannot change (is " + current.ownerOrgId() + ")");
        }
        List<UUID> members = validMembers(request);
        try {
            if (!repository.update(new BusinessChain(id, current.allianceId(), current.ownerOrgId(), request.name(),
                    request.createMode(), members, current.createdAt(), now(), current.version()), current.version())) {
                throw new PreconditionFailedException("The business chain was changed meanwhile; GET it again and retry");
            }
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("The alliance already has a business chain named '" + request.name() + "'", e);
        }
        BusinessChain updated = getChain(id);
        audit.record(updated.ownerOrgId(), "business-chain.update", "business-chain", id, current, updated);
        return updated;
    }

    @Transactional
    public void deleteChain(UUID id, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        BusinessChain current = repository.findChain(id, true).orElseThrow(() -> new NotFoundException("business chain", id));
        ETags.check(required, current.version(), "business chain");
        if (repository.blockchainCount(id) > 0) {
            throw new ConflictException("Business chain '" + current.name() + "' still has blockchains; delete them first");
        }
        repository.deleteChain(id);
        audit.record(current.ownerOrgId(), "business-chain.delete", "business-chain", id, current, null);
    }

    @Transactional(readOnly = true)
    public BusinessChain getChain(UUID id) {
        return repository.findChain(id, false).orElseThrow(() -> new NotFoundException("business chain", id));
    }

    @Transactional(readOnly = true)
    public Page<BusinessChain> listChains(UUID allianceId, UUID orgId, CreateMode mode, PageRequest page) {
        return repository.findChains(new BusinessChainRepository.ChainQuery(allianceId, orgId, mode), page);
    }

    /** The members (owner first, no repeats), checked against the alliance and the create mode. */
    private List<UUID> validMembers(BusinessChainRequest request) {
        Alliance alliance = alliances.lockById(request.allianceId())
                .orElseThrow(() -> new NotFoundException("alliance", request.allianceId()));
        if (!Alliance.ACTIVE.equals(alliance.status())) {
            throw new ConflictException("Alliance '" + alliance.name() + "' is " + alliance.status());
        }
        Set<UUID> members = new LinkedHashSet<>();
        members.add(request.ownerOrgId());
        members.addAll(request.memberOrgIds());
        Set<UUID> active = new java.util.HashSet<>();
        alliances.members(alliance.id()).stream().filter(m -> Member.ACTIVE.equals(m.status()))
                .forEach(m -> active.add(m.orgId()));
        List<UUID> outsiders = members.stream().filter(m -> !active.contains(m)).toList();
        if (!outsiders.isEmpty()) {
            throw new InvalidRequestException(active.contains(request.ownerOrgId()) ? "memberOrgIds" : "ownerOrgId",
                    "must be active members of alliance '" + alliance.name() + "'; not members: " + outsiders);
        }
        List<UUID> list = new ArrayList<>(members);
        String problem = request.createMode().check(list, spaces.kinds(list));
        if (problem != null) {
            throw new InvalidRequestException("createMode", problem);
        }
        return list;
    }

    // --- blockchains ---------------------------------------------------------------------------------------

    @Transactional
    public Blockchain create(BlockchainRequest request) {
        BusinessChain parent = repository.findChain(request.businessChainId(), true)
                .orElseThrow(() -> new NotFoundException("business chain", request.businessChainId()));
        Blockchain chain = blockchain(UUID.randomUUID(), parent, request, now(), null, 1);
        try {
            repository.insert(chain);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Business chain '" + parent.name() + "' already has a blockchain named '"
                    + request.name() + "'", e);
        }
        Blockchain created = getBlockchain(chain.id());
        audit.record(created.ownerOrgId(), "blockchain.create", "blockchain", created.id(), null, created);
        return created;
    }

    @Transactional
    public Blockchain update(UUID id, BlockchainRequest request, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        Blockchain current = repository.findBlockchain(id, true).orElseThrow(() -> new NotFoundException("blockchain", id));
        ETags.check(required, current.version(), "blockchain");
        if (!current.businessChainId().equals(request.businessChainId())) {
            throw new InvalidRequestException("businessChainId", "cannot change (is " + current.businessChainId() + ")");
        }
        BusinessChain parent = getChain(current.businessChainId());
        Blockchain changed = blockchain(id, parent, request, current.createdAt(), now(), current.version());
        try {
            if (!repository.update(changed, current.version())) {
                throw new PreconditionFailedException("The blockchain was changed meanwhile; GET it again and retry");
            }
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Business chain '" + parent.name() + "' already has a blockchain named '"
                    + request.name() + "'", e);
        }
        Blockchain updated = getBlockchain(id);
        audit.record(updated.ownerOrgId(), "blockchain.update", "blockchain", id, current, updated);
        return updated;
    }

    @Transactional
    public void deleteBlockchain(UUID id, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        Blockchain current = repository.findBlockchain(id, true).orElseThrow(() -> new NotFoundException("blockchain", id));
        ETags.check(required, current.version(), "blockchain");
        repository.deleteBlockchain(id);
        audit.record(current.ownerOrgId(), "blockchain.delete", "blockchain", id, current, null);
    }

    @Transactional(readOnly = true)
    public Blockchain getBlockchain(UUID id) {
        return repository.findBlockchain(id, false).orElseThrow(() -> new NotFoundException("blockchain", id));
    }

    @Transactional(readOnly = true)
    public Page<Blockchain> listBlockchains(UUID businessChainId, UUID orgId, String cloudType, String externalId,
            PageRequest page) {
        return repository.findBlockchains(
                new BusinessChainRepository.BlockchainQuery(businessChainId, orgId, cloudType, externalId), page);
    }

    private Blockchain blockchain(UUID id, BusinessChain parent, BlockchainRequest request, Instant createdAt,
            Instant updatedAt, long version) {
        List<UUID> orgs = new ArrayList<>(new LinkedHashSet<>(request.orgIds()));
        List<UUID> outsiders = orgs.stream().filter(o -> !parent.memberOrgIds().contains(o)).toList();
        if (!outsiders.isEmpty()) {
            throw new InvalidRequestException("orgIds", "must be members of business chain '" + parent.name()
                    + "'; not members: " + outsiders);
        }
        return new Blockchain(id, parent.id(), parent.ownerOrgId(), request.name(), request.externalId(),
                request.cloudType(), orgs, object("extraInfo", request.extraInfo()),
                object("infraSpec", request.infraSpec()), object("blockSpec", request.blockSpec()), createdAt,
                updatedAt, version);
    }

    private JsonNode object(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return json.createObjectNode();
        }
        if (!value.isObject()) {
            throw new InvalidRequestException(field, "must be a JSON object");
        }
        return value;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
