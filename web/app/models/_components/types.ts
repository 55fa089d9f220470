// The MODELS and MY_MODELS subgraph answers (sdk/src/subgraph/queries.ts): wei and token counts as decimal strings.
export type RegistryModel = {
  id: string;
  name: string;
  format: string;
  uri: string;
  active: boolean;
  creator: { id: string };
  jobCount: number;
  jobsFinalized: number;
  tokensServed: string;
  fees: string;
  royalties: string;
};
export type ModelsData = { models: RegistryModel[] };

export type MyModelsData = {
  models: {
    id: string;
    name: string;
    format: string;
    uri: string;
    manifestHash: string;
    active: boolean;
    createdAt: string;
    jobCount: number;
    jobsFinalized: number;
    tokensServed: string;
    fees: string;
    royalties: string;
  }[];
  payouts: {
    id: string;
    amount: string;
    timestamp: string;
    job: { id: string; model: { id: string; name: string } };
  }[];
};
