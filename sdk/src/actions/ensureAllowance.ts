import type { Hash } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import { InsufficientBalanceError } from "../errors.ts";
import { sendContract } from "./shared.ts";

export type EnsureAllowanceParams = {
  /** What the market must be able to pull (a job's escrow). */
  readonly amount: bigint;
  /** How much to approve when the allowance is short (default `amount`: the market never holds more than it needs). */
  readonly approve?: bigint;
  /** Check first that the wallet holds `amount` (default true). */
  readonly checkBalance?: boolean;
};
export type EnsureAllowanceReturnType = {
  /** The approve transaction, when one was needed. */
  readonly transactionHash: Hash | undefined;
  readonly allowance: bigint;
};

/**
 * Makes sure the market may pull `amount` GRID from the client's account: throws
 * `InsufficientBalanceError` (INSUFFICIENT_BALANCE) when the wallet holds less, and approves
 * the market when the allowance is short.
 * @example
 * const { transactionHash } = await ensureAllowance(client, { amount: escrow });
 */
export async function ensureAllowance(
  client: InferGridBaseClient,
  params: EnsureAllowanceParams,
): Promise<EnsureAllowanceReturnType> {
  const { deployment } = await client.setup();
  const { GridToken } = getContractConfigs(deployment);
  const owner = client.account.address;
  const [held, allowance] = await Promise.all([
    params.checkBalance === false
      ? undefined
      : client.publicClient.readContract({ ...GridToken, functionName: "balanceOf", args: [owner] }),
    client.publicClient.readContract({
      ...GridToken,
      functionName: "allowance",
      args: [owner, deployment.JobMarket],
    }),
  ]);
  if (held !== undefined && held < params.amount) throw new InsufficientBalanceError(owner, held, params.amount);
  if (allowance >= params.amount) return { transactionHash: undefined, allowance };
  const value = params.approve !== undefined && params.approve > params.amount ? params.approve : params.amount;
  const { hash } = await sendContract(client, {
    ...GridToken,
    functionName: "approve",
    args: [deployment.JobMarket, value],
  });
  return { transactionHash: hash, allowance: value };
}
