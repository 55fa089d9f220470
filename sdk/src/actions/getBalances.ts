import type { Address } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";

export type GetBalancesParams = {
  /** Whose balances; the client's account by default. */
  readonly account?: Address;
};
export type Balances = {
  readonly account: Address;
  /** GRID in the wallet. */
  readonly wallet: bigint;
  /** GRID credited in the market (refunds, payouts), withdrawable with `withdraw()`. */
  readonly market: bigint;
  /** What the market may still pull from the wallet. */
  readonly allowance: bigint;
};
export type GetBalancesReturnType = Balances;

/**
 * An account's GRID: in the wallet, credited in the market, and approved to the market.
 * @example
 * const { wallet, market } = await getBalances(client);
 */
export async function getBalances(client: InferGridBaseClient, params: GetBalancesParams = {}): Promise<Balances> {
  const { deployment } = await client.setup();
  const { GridToken, JobMarket } = getContractConfigs(deployment);
  const account = params.account ?? client.account.address;
  const [wallet, market, allowance] = await Promise.all([
    client.publicClient.readContract({ ...GridToken, functionName: "balanceOf", args: [account] }),
    client.publicClient.readContract({ ...JobMarket, functionName: "balanceOf", args: [account] }),
    client.publicClient.readContract({ ...GridToken, functionName: "allowance", args: [account, JobMarket.address] }),
  ]);
  return { account, wallet, market, allowance };
}
