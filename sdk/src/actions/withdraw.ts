import { parseEventLogs, type Hash } from "viem";
import { jobMarketAbi } from "@infergrid/contracts/abis";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import { sendContract } from "./shared.ts";

export type WithdrawReturnType = { readonly amount: bigint; readonly transaction: Hash };

/**
 * Moves the account's whole credited market balance (refunds, pay) to its wallet. With nothing
 * credited it throws `ContractRevertError` with `NothingToWithdraw`.
 * @example const { amount } = await withdraw(client);
 */
export async function withdraw(client: InferGridBaseClient): Promise<WithdrawReturnType> {
  const { deployment } = await client.setup();
  const { JobMarket } = getContractConfigs(deployment);
  const { hash, receipt } = await sendContract(client, { ...JobMarket, functionName: "withdraw" });
  const [log] = parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "Withdrawn" });
  return { amount: log?.args.amount ?? 0n, transaction: hash };
}
