package io.chainwatch.registry.businesschain;

import java.util.UUID;

import io.chainwatch.registry.alliance.Alliance;
import io.chainwatch.registry.alliance.AllianceRepository;
import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.monitoredchain.ChainAlliances;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links a monitored chain to the business chain it serves, or unlinks it. The chain's organization must be a member
 * of the business chain, whose alliance must not be deleted. A change bumps the chain's version and queues its
 * nodes' targets again (same transaction, outbox), now with the alliance ids; it is audited.
 */
@Service
public class ChainLinkService {

    private final JdbcClient jdbc;
    private final BusinessChainService businessChains;
    private final AllianceRepository alliances;
    private final ChainAlliances chainAlliances;
    private final NodeService nodes;
    private final AuditLog audit;

    ChainLinkService(JdbcClient jdbc, BusinessChainService businessChains, AllianceRepository alliances,
            ChainAlliances chainAlliances, NodeService nodes, AuditLog audit) {
        this.jdbc = jdbc;
        this.businessChains = businessChains;
        this.alliances = alliances;
        this.chainAlliances = chainAlliances;
        this.nodes = nodes;
        this.audit = audit;
    }

    /** The chain's row, locked or not. */
    private record Row(UUID id, UUID orgId, String name, UUID businessChainId, long version) {
    }

    @Transactional(readOnly = true)
    public ChainLink get(UUID chainId) {
        return view(row(chainId, false));
    }

    /**
     * Links the chain to {@code businessChainId}. {@code ifMatch} is optional; when given it must name the chain's
     * current version.
     */
    @Transactional
    public ChainLink link(UUID chainId, UUID businessChainId, String ifMatch) {
        Row chain = row(chainId, true);
        check(chain, ifMatch);
        BusinessChain target = businessChains.getChain(businessChainId);
        if (!target.memberOrgIds().contains(chain.orgId())) {
            throw new InvalidRequestException("businessChainId", "the chain's organization is not a member of "
                    + "business chain '" + target.name() + "'");
        }
        Alliance alliance = alliances.findById(target.allianceId())
                .orElseThrow(() -> new IllegalStateException("business chain " + businessChainId + " has no alliance"));
        if (Alliance.DELETED.equals(alliance.status())) {
            throw new ConflictException("Alliance '" + alliance.name() + "' is DELETED");
        }
        if (businessChainId.equals(chain.businessChainId())) {
            return view(chain);
        }
        return change(chain, businessChainId, "chain.link-business-chain");
    }

    /** Unlinks the chain (no-op when it is not linked). */
    @Transactional
    public ChainLink unlink(UUID chainId, String ifMatch) {
        Row chain = row(chainId, true);
        check(chain, ifMatch);
        if (chain.businessChainId() == null) {
            return view(chain);
        }
        return change(chain, null, "chain.unlink-business-chain");
    }

    private ChainLink change(Row chain, UUID businessChainId, String action) {
        ChainLink before = view(chain);
        jdbc.sql("update registry.chain set business_chain_id = :businessChainId, version = version + 1 where id = :id")
                .param("id", chain.id())
                .param("businessChainId", businessChainId)
                .update();
        ChainLink after = view(row(chain.id(), false));
        nodes.republishChain(chain.id());
        audit.record(chain.orgId(), action, "chain", chain.id(), before, after);
        return after;
    }

    private static void check(Row chain, String ifMatch) {
        if (ifMatch != null) {
            ETags.check(ETags.requiredVersion(ifMatch), chain.version(), "chain");
        }
    }

    private Row row(UUID chainId, boolean lock) {
        return jdbc.sql("select id, org_id, name, business_chain_id, version from registry.chain where id = :id"
                        + (lock ? " for update" : ""))
                .param("id", chainId)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getString("name"), rs.getObject("business_chain_id", UUID.class), rs.getLong("version")))
                .optional()
                .orElseThrow(() -> new NotFoundException("chain", chainId));
    }

    private ChainLink view(Row chain) {
        return new ChainLink(chain.id(), chain.businessChainId(), chainAlliances.of(chain.id()), chain.version());
    }
}
