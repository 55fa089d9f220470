// The NETWORK_STATS answer (sdk/src/subgraph/queries.ts): amounts are GRID wei as decimal
// strings, meanLatency a BigDecimal string in seconds.
export type ProtocolTotals = {
  models: number;
  workers: number;
  validators: number;
  jobsPosted: number;
  jobsFinalized: number;
  jobsRefunded: number;
  jobsDisputed: number;
  cases: number;
  proposals: number;
  tokensServed: string;
  fees: string;
  workerEarnings: string;
  creatorRoyalties: string;
  treasuryIncome: string;
  withdrawn: string;
  workerStake: string;
  validatorStake: string;
  latencyCount: number;
  meanLatency: string;
};

export type DailyStat = {
  day: number;
  date: string;
  jobsPosted: number;
  jobsFinalized: number;
  tokensServed: string;
  fees: string;
  latencyCount: number;
  meanLatency: string;
};

export type NetworkStats = {
  protocol: ProtocolTotals | null;
  dailyStats: DailyStat[];
  _meta: { block: { number: number } } | null;
};

/** A mean latency in seconds, one decimal, or "-" before any job delivered. */
export function formatSeconds(mean: string, count: number): string {
  if (count === 0) return "-";
  const s = Number(mean);
  return Number.isFinite(s) ? `${s.toFixed(1)} s` : "-";
}
