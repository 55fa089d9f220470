import type { Address, PublicClient } from "viem";
import {
  buildJobInput,
  claimTimeout,
  ensureAllowance,
  fetchOutput,
  finalizeJob,
  findModel,
  getBalances,
  getJobState,
  getModels,
  postJob,
  routeJob,
  runJob,
  signPermit,
  streamJob,
  waitForFinalization,
  waitForResult,
  withdraw,
  type BuildJobInputParams,
  type EnsureAllowanceParams,
  type FetchOutputParams,
  type FindModelParams,
  type PostJobParams,
  type RouteJobParams,
  type RunJobOptions,
  type SignPermitParams,
  type StreamJobParams,
  type WaitForFinalizationParams,
  type WaitForResultParams,
} from "./actions/index.ts";
import { routerContext } from "./actions/shared.ts";
import {
  createInferGridBaseClient,
  type InferGridBaseClient,
  type InferGridClientOptions,
  type InferGridSetup,
} from "./baseClient.ts";
import { decodeRevert, getContracts, type InferGridContracts } from "./contracts.ts";
import type { ModelRef } from "./models.ts";
import { eligibleWorkers, pickWorkers, type RouteRequest } from "./router.ts";

/**
 * The job client: one object with every action bound to it. `runJob` posts a job to the
 * workers the router picks, streams the tokens, waits for the result on chain, and checks the
 * output against the worker's commitment before returning it; the other methods are its steps
 * and the account's chores. Each method is the action of the same name in `./actions/` (the
 * older names `jobStatus`, `balances`, `finalize`, `resolveModel`, `listModels` stay).
 */

// What callers imported from here before the actions had their own files.
export { REPLY_KEY_MESSAGE, type InferGridBaseClient, type InferGridClientOptions } from "./baseClient.ts";
export {
  inputTokenBound,
  MAX_TOKENS_LIMIT,
  parseRunJobOptions,
  runJobOptionsSchema,
  type Balances,
  type JobResult,
  type JobState,
  type JobWorkerReport,
  type PostedJob,
  type RunJobOptions,
} from "./actions/index.ts";
export { jobStatusName, type JobStatusName, type WorkStatusName } from "./protocol/status.ts";

export type InferGridClient = ReturnType<typeof createInferGridClient>;

/**
 * @example
 * const client = createInferGridClient({ account, rpcUrl: "http://127.0.0.1:8545" });
 * const r = await client.runJob({ model: "tiny-gpt2", prompt: "Hello", maxTokens: 16, maxPricePerToken: 10n ** 10n });
 */
export function createInferGridClient(options: InferGridClientOptions) {
  const client: InferGridBaseClient = createInferGridBaseClient(options);
  return {
    ...client,
    contracts: async (): Promise<
      InferGridContracts<{ public: PublicClient; wallet: InferGridSetup["walletClient"] }>
    > => {
      const s = await client.setup();
      return getContracts({
        publicClient: client.publicClient,
        walletClient: s.walletClient,
        deployment: s.deployment,
      });
    },
    // Models and routing.
    getModels: () => getModels(client),
    findModel: (params: FindModelParams) => findModel(client, params),
    resolveModel: (ref: ModelRef) => findModel(client, { model: ref }),
    listModels: () => getModels(client),
    routeJob: (params: RouteJobParams) => routeJob(client, params),
    eligibleWorkers: async (req: RouteRequest) => eligibleWorkers(await routerContext(client), req),
    pickWorkers: async (n: number, req: RouteRequest) => pickWorkers(await routerContext(client), n, req),
    // A job, whole or step by step.
    runJob: (params: RunJobOptions) => runJob(client, params),
    buildJobInput: (params: BuildJobInputParams) => buildJobInput(client, params),
    ensureAllowance: (params: EnsureAllowanceParams) => ensureAllowance(client, params),
    signPermit: (params: SignPermitParams) => signPermit(client, params),
    postJob: (params: PostJobParams) => postJob(client, params),
    streamJob: (params: StreamJobParams) => streamJob(client, params),
    waitForResult: (params: WaitForResultParams) => waitForResult(client, params),
    fetchOutput: (params: FetchOutputParams) => fetchOutput(client, params),
    waitForFinalization: (params: WaitForFinalizationParams) => waitForFinalization(client, params),
    // State and settlement.
    getJobState: (jobId: bigint) => getJobState(client, { jobId }),
    jobStatus: (jobId: bigint) => getJobState(client, { jobId }),
    getBalances: (address?: Address) => getBalances(client, address ? { account: address } : {}),
    balances: (address?: Address) => getBalances(client, address ? { account: address } : {}),
    withdraw: () => withdraw(client),
    finalizeJob: (jobId: bigint) => finalizeJob(client, { jobId }),
    finalize: (jobId: bigint) => finalizeJob(client, { jobId }),
    claimTimeout: (jobId: bigint) => claimTimeout(client, { jobId }),
    decodeRevert,
  };
}
