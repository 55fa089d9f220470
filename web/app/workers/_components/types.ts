// WORKERS_BY_ELO / WORKERS_BY_EARNINGS / WORKER answers (sdk/src/subgraph/queries.ts): amounts are
// GRID wei as decimal strings, ids lowercase addresses.
export type WorkerRow = {
  id: string;
  endpoint: string;
  region: number;
  elo: number;
  stake: string;
  jobsDone: number;
  jobsFailed: number;
  tokensServed: string;
  earnings: string;
  slashed: string;
  paused: boolean;
};

export type WorkerDetailData = {
  worker:
    | (WorkerRow & {
        capacity: number;
        unbonding: string;
        activeJobs: number;
        registeredAt: string | null;
        models: { model: { id: string; name: string }; pricePerInputToken: string; pricePerOutputToken: string }[];
        results: {
          id: string;
          job: { id: string; postedAt: string; status: string };
          status: string;
          inputTokens: number;
          outputTokens: number;
          fee: string;
          workerAmount: string;
          slashed: string;
        }[];
        stakeChanges: { kind: string; amount: string; block: string }[];
      })
    | null;
};
