import { toHex, type Hex } from "viem";
import { computeCommitment } from "../commitment.ts";
import { hashFingerprint } from "../fingerprint.ts";
import type { JobOutput } from "../protocol/messages.ts";
import { errorText } from "./shared.ts";

export type VerifyOutputParams = {
  readonly jobId: bigint;
  /** The job's model's manifest hash. */
  readonly modelHash: Hex;
  readonly output: Pick<JobOutput, "outputTokenIds" | "fingerprint">;
  /** What the worker put on chain: its commitment and the output tokens it billed. */
  readonly onChain: { readonly commitment: Hex; readonly outputTokens: number };
};
export type VerifyOutputReturnType =
  | { readonly matched: true; readonly problem: null }
  | { readonly matched: false; readonly problem: string };

/**
 * Checks a worker's output against what it committed to on chain: the output's tokens and
 * fingerprint must hash (`computeCommitment`) to its commitment, and it must have billed
 * exactly its output tokens. Pure: no request is made.
 * @example
 * const { matched, problem } = verifyOutput({ jobId, modelHash: model.manifestHash, output, onChain: assignment });
 */
export function verifyOutput(params: VerifyOutputParams): VerifyOutputReturnType {
  let computed: Hex;
  try {
    computed = computeCommitment({
      jobId: toHex(params.jobId, { size: 32 }),
      modelHash: params.modelHash,
      outputTokenIds: params.output.outputTokenIds,
      fingerprint: hashFingerprint(params.output.fingerprint),
    });
  } catch (e) {
    return { matched: false, problem: `output cannot be hashed: ${errorText(e)}` };
  }
  if (computed.toLowerCase() !== params.onChain.commitment.toLowerCase()) {
    return { matched: false, problem: `output hashes to ${computed}, the chain holds ${params.onChain.commitment}` };
  }
  if (params.output.outputTokenIds.length !== params.onChain.outputTokens) {
    return {
      matched: false,
      problem: `output has ${params.output.outputTokenIds.length} tokens, the worker billed ${params.onChain.outputTokens}`,
    };
  }
  return { matched: true, problem: null };
}
