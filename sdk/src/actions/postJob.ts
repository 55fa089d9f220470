import { isAddressEqual, parseEventLogs, type Address, type ContractFunctionArgs, type Hash, type Log } from "viem";
import { jobMarketAbi } from "@infergrid/contracts/abis";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import { EventNotFoundError } from "../errors.ts";
import type { SignPermitReturnType } from "./signPermit.ts";
import { sendContract } from "./shared.ts";

/** `IJobMarket.JobRequest`, as `postJob` takes it. */
export type JobRequest = ContractFunctionArgs<typeof jobMarketAbi, "nonpayable", "postJob">[0];

export type PostJobParams = {
  readonly request: JobRequest;
  /** Pay the escrow with this permit (`postJobWithPermit`) instead of an earlier approval. */
  readonly permit?: SignPermitReturnType;
  /** Called with the hash as soon as the transaction is sent, before it is mined. */
  readonly onSent?: (hash: Hash) => void;
};
export type PostJobReturnType = {
  readonly jobId: bigint;
  readonly transactionHash: Hash;
  readonly blockNumber: bigint;
  /** The escrow the market took (the JobPosted event's). */
  readonly escrow: bigint;
};

/**
 * Posts the job and waits for it to be mined; the job id comes from the receipt's JobPosted
 * event. Reverts throw `ContractRevertError` (CONTRACT_REVERT) before anything is sent.
 * @example
 * const { jobId, transactionHash } = await postJob(client, { request });
 */
export async function postJob(client: InferGridBaseClient, params: PostJobParams): Promise<PostJobReturnType> {
  const { deployment } = await client.setup();
  const { JobMarket } = getContractConfigs(deployment);
  const p = params.permit;
  const onSent = params.onSent ? { onSent: params.onSent } : {};
  const { hash, receipt } = p
    ? await sendContract(
        client,
        { ...JobMarket, functionName: "postJobWithPermit", args: [params.request, p.deadline, p.v, p.r, p.s] },
        onSent,
      )
    : await sendContract(client, { ...JobMarket, functionName: "postJob", args: [params.request] }, onSent);
  const posted = decodeJobPosted({ logs: receipt.logs, market: JobMarket.address });
  if (!posted) {
    throw new EventNotFoundError({
      eventName: "JobPosted",
      transactionHash: hash,
      address: JobMarket.address,
      contractName: "JobMarket",
      functionName: p ? "postJobWithPermit" : "postJob",
    });
  }
  return { jobId: posted.jobId, transactionHash: hash, blockNumber: receipt.blockNumber, escrow: posted.escrow };
}

/**
 * The job a post transaction created, from its receipt's logs: the first JobPosted event the
 * market at `market` emitted, or undefined when there is none.
 * @example decodeJobPosted({ logs: receipt.logs, market: deployment.JobMarket })?.jobId
 */
export function decodeJobPosted(params: {
  readonly logs: readonly Log[];
  readonly market: Address;
}): { jobId: bigint; poster: Address; escrow: bigint; workers: readonly Address[] } | undefined {
  const events = parseEventLogs({ abi: jobMarketAbi, logs: params.logs as Log[], eventName: "JobPosted" });
  const ev = events.find((e) => isAddressEqual(e.address, params.market));
  if (!ev) return undefined;
  return { jobId: ev.args.jobId, poster: ev.args.poster, escrow: ev.args.escrow, workers: ev.args.workers };
}
