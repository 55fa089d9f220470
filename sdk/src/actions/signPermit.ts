import { parseSignature, type Hex } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";

export type SignPermitParams = {
  /** What the market may pull with this permit (the job's escrow). */
  readonly amount: bigint;
  /** Unix seconds after which the permit is void. */
  readonly deadline: bigint;
};
export type SignPermitReturnType = { readonly deadline: bigint; readonly v: number; readonly r: Hex; readonly s: Hex };

/**
 * An EIP-2612 permit from the client's account for the market, so one `postJobWithPermit`
 * transaction pays the escrow without a separate approve.
 * @example
 * const permit = await signPermit(client, { amount: escrow, deadline: BigInt(deadline) });
 * await postJob(client, { request, permit });
 */
export async function signPermit(client: InferGridBaseClient, params: SignPermitParams): Promise<SignPermitReturnType> {
  const { deployment } = await client.setup();
  const { GridToken } = getContractConfigs(deployment);
  const owner = client.account.address;
  const [domain, nonce] = await Promise.all([
    client.publicClient.readContract({ ...GridToken, functionName: "eip712Domain" }),
    client.publicClient.readContract({ ...GridToken, functionName: "nonces", args: [owner] }),
  ]);
  const signature = await client.signTypedData({
    domain: { name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner, spender: deployment.JobMarket, value: params.amount, nonce, deadline: params.deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { deadline: params.deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}
