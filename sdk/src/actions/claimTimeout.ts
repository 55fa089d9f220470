import type { Hash } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import { sendContract } from "./shared.ts";

export type ClaimTimeoutParams = { readonly jobId: bigint };
export type ClaimTimeoutReturnType = Hash;

/**
 * Times out the workers that missed the job's deadline (anyone may): they are slashed and
 * their share of the escrow goes back to the poster's market balance. Before the deadline (or,
 * when R > 1, the reveal window) it throws `ContractRevertError` with `TimeoutNotReached`.
 * @example const hash = await claimTimeout(client, { jobId });
 */
export async function claimTimeout(
  client: InferGridBaseClient,
  params: ClaimTimeoutParams,
): Promise<ClaimTimeoutReturnType> {
  const { deployment } = await client.setup();
  const { JobMarket } = getContractConfigs(deployment);
  const { hash } = await sendContract(client, { ...JobMarket, functionName: "claimTimeout", args: [params.jobId] });
  return hash;
}
