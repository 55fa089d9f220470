import type { Hash } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import { sendContract } from "./shared.ts";

export type FinalizeJobParams = { readonly jobId: bigint };
export type FinalizeJobReturnType = Hash;

/**
 * Finalizes a job whose challenge window has passed (anyone may): pays the workers, the model's
 * creator and the treasury, refunds the rest of the escrow, or draws the job for an audit.
 * Inside the window it throws `ContractRevertError` with `ChallengeWindowOpen`.
 * @example const hash = await finalizeJob(client, { jobId });
 */
export async function finalizeJob(
  client: InferGridBaseClient,
  params: FinalizeJobParams,
): Promise<FinalizeJobReturnType> {
  const { deployment } = await client.setup();
  const { JobMarket } = getContractConfigs(deployment);
  const { hash } = await sendContract(client, { ...JobMarket, functionName: "finalize", args: [params.jobId] });
  return hash;
}
