// The JSON the public API answers with (/api/v1), as the services define it. Times are ISO-8601 instants (UTC).

export type Role = 'viewer' | 'operator' | 'org-admin' | 'platform-admin';

export interface Organization { id: string; name: string; contactEmail?: string; orgCode?: string; createdAt: string }

export interface Chain {
  id: string; orgId: string; name: string; platform: string; createdAt: string; version: number;
  /** e.g. 0.999; null when none is set. */
  availabilityObjective?: number | null;
}

export interface Node {
  id: string; chainId: string; orgId: string; name: string; rpcUrl: string; pollIntervalMs: number;
  metricsUrl?: string | null; createdAt: string; version: number;
}

/** A node's state as the registry's status API writes it: up, erroring, unreachable, unsupported or no_data. */
export type NodeStateText = 'up' | 'erroring' | 'unreachable' | 'unsupported' | 'no_data' | string;

/** One node in GET /chains/{id}/status: its state, height and blocks behind the chain's best node that is up. */
export interface ChainNodeStatus {
  nodeId: string; name: string; state: NodeStateText; since: string; height?: number | null;
  lagBlocks?: number | null; polledAt?: string | null;
  /** The last error the node gave and when; kept after the node recovers, so read it with the state. */
  lastError?: string | null; lastErrorAt?: string | null;
}

/** GET /nodes/{id}/status: what the collector knows about one node now. */
export interface NodeStatus {
  nodeId: string; chainId: string; name: string; state: NodeStateText; since: string;
  lastError?: { message: string; at: string } | null;
  latest?: { polledAt: string; outcome: string; readings: Record<string, number>; info: Record<string, string>; unsupported: string[] } | null;
  capabilities: string[]; rpcMode?: string | null;
  /** A Fabric peer's channels and their peers as the collector discovered them; null for other nodes. */
  fabricDiscovery?: FabricDiscovery | null;
}

export interface FabricDiscovery {
  joinedChannels: string[]; monitoredChannels: string[]; discoveredNotMonitored: string[]; autoMonitorChannels: boolean;
  peers: { channel: string; endpoint: string; mspId?: string | null; ledgerHeight?: number | null; nodeId?: string | null }[];
  error?: string | null;
}

/** GET /nodes/{id}/history: one node's points. */
export interface NodeHistory { nodeId: string; name: string; points: HistoryPoint[] }

/** One bucket of a node's history (GET /chains/{id}/history); a reading the node did not report is null. */
export interface HistoryPoint {
  at: string; height?: number | null; blockIntervalSeconds?: number | null; tps?: number | null; peers?: number | null;
}

/** GET /chains/{id}/history: each node's points over [from, to], one per bucket of bucketSeconds. */
export interface ChainHistory {
  chainId: string; name: string; from: string; to: string; bucketSeconds: number;
  nodes: { nodeId: string; name: string; points: HistoryPoint[] }[];
}

/** GET /chains/{id}/status: the chain's nodes and the best height among those up. */
export interface ChainStatus { chainId: string; name: string; bestHeight?: number | null; nodes: ChainNodeStatus[] }

export type AlertStatus = 'PENDING' | 'FIRING' | 'ACKNOWLEDGED' | 'RESOLVED';

export interface Alert {
  fingerprint: string; ruleId: string; type: string; severity: string; orgId: string; chainId: string;
  nodeId?: string | null; status: AlertStatus; startedAt: string; resolvedAt?: string | null; summary: string;
  updatedAt: string; acknowledgedAt?: string | null; acknowledgedBy?: string | null; orgName?: string;
  chainName?: string; nodeName?: string | null;
}

export interface AlertHistoryEntry {
  fingerprint: string; ruleId: string; type: string; severity: string; orgId: string; orgName?: string;
  chainId: string; chainName?: string; nodeId?: string | null; nodeName?: string | null; startedAt: string;
  acknowledgedAt?: string | null; resolvedAt?: string | null; [key: string]: unknown;
}

/** MTTA / MTTR of one chain, or with chainId null of the whole organization. */
export interface ResponseStats {
  orgId: string; orgName?: string; chainId: string | null; chainName?: string | null; alerts: number; acknowledged: number;
  resolved: number; mttaSeconds?: number | null; mttrSeconds?: number | null;
}

export interface LabelMatcher { label: string; op?: '=' | '!=' | '=~' | '!~'; value: string }

export interface Silence {
  id?: string; orgId?: string; kind: 'silence' | 'maintenance'; matchers: LabelMatcher[]; startsAt: string;
  endsAt: string; comment?: string; createdBy?: string;
}

export interface Rule {
  id?: string; type: string; orgId?: string; chainId: string; forSeconds?: number; severity?: string;
  emailTo?: string[]; [key: string]: unknown;
}

export interface Receiver {
  id?: string; orgId?: string; name: string; channel: string; address: string; locale?: string;
  secretSet?: boolean; severities?: string[]; ruleTypes?: string[]; enabled?: boolean;
}

/** The answer of POST /receivers/{id}/test. */
export interface ReceiverTestSent { receiverId: string; channel: string; outboxIds: number[] }

export type TaskStatus = 'PENDING' | 'RUNNING' | 'WAITING' | 'SUCCEEDED' | 'FAILED';

export interface TaskSummary {
  id: string; type: string; orgId: string; actor: string; resourceId?: string | null; status: TaskStatus;
  currentStep?: string | null; error?: string | null; createdAt: string; updatedAt: string; finishedAt?: string | null;
}

export interface TaskStep { seq: number; stage: number; name: string; param?: string | null; status: string; attempts: number }

export interface Task extends TaskSummary {
  percent: number; input?: Record<string, unknown>; steps: TaskStep[];
  approvals: { orgId: string; decision: string }[]; log: { at: string; level: string; message: string }[];
}

export interface TaskAccepted { taskId?: string; id?: string; [key: string]: unknown }

export interface AllianceMember { orgId: string; role: string; status: string; since: string }

export interface Alliance {
  id: string; unionId: string; name: string; platform: string; creatorOrgId: string; status: string;
  members: AllianceMember[]; createdAt: string; updatedAt: string; version: number;
}

export interface BusinessChain {
  id: string; allianceId: string; ownerOrgId: string; name: string; createMode: string; memberOrgIds: string[];
  createdAt: string;
}

export interface Platform { id: string; orgId: string; name: string; baseUrl: string; status: string; reason?: string; createdAt: string }

export interface ApiKey {
  id: string; orgId: string; name: string; role: string; prefix: string; createdAt: string; createdBy?: string;
  expiresAt?: string | null; lastUsedAt?: string | null; revokedAt?: string | null;
}

export interface ApiKeyCreated extends ApiKey { key: string }

export interface AuditEntry {
  id: number | string; at: string; actor: string; actorOrgId?: string | null; orgId?: string | null; action: string;
  resourceType: string; resourceId?: string | null; before?: unknown; after?: unknown;
}

/** An alert of a node named in an outage (from the alert service's transitions); resolvedAt null while firing. */
export interface AvailabilityAlert { fingerprint: string; ruleType: string; firedAt: string; resolvedAt?: string | null }

/** One stretch of a node in a state other than up (and unknown); ongoing: still lasting at the period's end. */
export interface Outage {
  nodeId: string; node: string; state: string; start: string; end: string; seconds: number;
  cause?: string | null; ongoing: boolean; alerts: AvailabilityAlert[];
}

/** GET /chains/{id}/availability: node-seconds and shares per state over [from, to), objective and outages. */
export interface AvailabilityReport {
  scope: string; id: string; name: string; from: string; to: string; periodSeconds: number; nodes: number;
  seconds: Record<string, number>; share: Record<string, number>; availability: number;
  objective?: number | null; errorBudgetLeft?: number | null; outages: Outage[];
}

/** One quota of an organization (GET /organizations/{id}/quotas): its limit, what is used (null when not counted). */
export interface Quota { service: string; name: string; limit: number; used?: number | null; overridden: boolean }
export interface Quotas { orgId: string; quotas: Quota[] }
