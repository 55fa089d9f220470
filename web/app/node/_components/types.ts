// The MY_NODE subgraph answer (sdk/src/subgraph/queries.ts): amounts are wei strings, times unix seconds.
export type NodeData = {
  worker: null | {
    id: string;
    registered: boolean;
    endpoint: string;
    elo: number;
    stake: string;
    unbonding: string;
    jobsDone: number;
    jobsFailed: number;
    tokensServed: string;
    earnings: string;
    slashed: string;
    paused: boolean;
    capacity: number;
    activeJobs: number;
    models: { model: { id: string; name: string }; pricePerInputToken: string; pricePerOutputToken: string }[];
  };
  validator: null | {
    stake: string;
    unbonding: string;
    listed: boolean;
    activeCases: number;
    slashed: string;
    rewards: string;
    votes: {
      id: string;
      round: number;
      status: string;
      verdict: string | null;
      penalty: string;
      reward: string;
      drawnAt: string;
      review: { kind: string; status: string; job: { id: string } };
    }[];
  };
  account: null | {
    marketBalance: string;
    withdrawn: string;
    withdrawals: { id: string; amount: string; timestamp: string; tx: string }[];
  };
  payouts: {
    id: string;
    kind: string;
    amount: string;
    timestamp: string;
    job: { id: string; model: { name: string } };
  }[];
  activeJobs: {
    id: string;
    status: string;
    postedAt: string;
    deadline: string;
    challengeEndsAt: string | null;
    model: { id: string; name: string };
  }[];
};
