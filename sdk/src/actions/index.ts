// The sdk's actions, one per file, each `(client, params)` with its own types (viem's layout).
// `createInferGridClient` binds them to one client as methods.
export { buildJobInput, sealInputs, type BuildJobInputParams, type BuildJobInputReturnType } from "./buildJobInput.ts";
export { claimTimeout, type ClaimTimeoutParams, type ClaimTimeoutReturnType } from "./claimTimeout.ts";
export { ensureAllowance, type EnsureAllowanceParams, type EnsureAllowanceReturnType } from "./ensureAllowance.ts";
export { fetchOutput, type FetchOutputParams, type FetchOutputReturnType } from "./fetchOutput.ts";
export { finalizeJob, type FinalizeJobParams, type FinalizeJobReturnType } from "./finalizeJob.ts";
export { findModel, type FindModelParams, type FindModelReturnType } from "./findModel.ts";
export { getBalances, type Balances, type GetBalancesParams, type GetBalancesReturnType } from "./getBalances.ts";
export { getJobState, type GetJobStateParams, type GetJobStateReturnType, type JobState } from "./getJobState.ts";
export { getModels, type GetModelsReturnType } from "./getModels.ts";
export {
  decodeJobPosted,
  postJob,
  type JobRequest,
  type PostJobParams,
  type PostJobReturnType,
} from "./postJob.ts";
export { routeJob, type RouteJobParams, type RouteJobReturnType } from "./routeJob.ts";
export {
  inputTokenBound,
  MAX_TOKENS_LIMIT,
  parseRunJobOptions,
  runJob,
  runJobOptionsSchema,
  type JobResult,
  type JobWorkerReport,
  type PostedJob,
  type RunJobOptions,
  type RunJobParams,
  type RunJobReturnType,
} from "./runJob.ts";
export { signPermit, type SignPermitParams, type SignPermitReturnType } from "./signPermit.ts";
export { streamJob, type StreamJobParams, type StreamJobReturnType } from "./streamJob.ts";
export { verifyOutput, type VerifyOutputParams, type VerifyOutputReturnType } from "./verifyOutput.ts";
export {
  waitForFinalization,
  type WaitForFinalizationParams,
  type WaitForFinalizationReturnType,
} from "./waitForFinalization.ts";
export {
  waitForResult,
  type SubmittedResult,
  type WaitForResultParams,
  type WaitForResultReturnType,
} from "./waitForResult.ts";
export { withdraw, type WithdrawReturnType } from "./withdraw.ts";
