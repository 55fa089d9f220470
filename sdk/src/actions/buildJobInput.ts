import type { Hex } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { seal } from "../crypto.ts";
import {
  encodeJobInput,
  jobInputHash,
  jobInputSchema,
  type ChatMessage,
  type JobInput,
  type Sampling,
} from "../protocol/messages.ts";

export type BuildJobInputParams = {
  /** The model's manifest hash: the worker refuses an input meant for another model. */
  readonly modelHash: Hex;
  readonly maxTokens: number;
  readonly sampling?: Omit<Sampling, "maxTokens">;
  /** The poster's X25519 public key the worker replies to; the client's own reply key by default. */
  readonly replyKey?: Hex;
} & (
  | { readonly prompt: string; readonly messages?: undefined }
  | { readonly messages: readonly ChatMessage[]; readonly prompt?: undefined }
);

export type BuildJobInputReturnType = {
  readonly input: JobInput;
  /** The exact bytes that are encrypted to each worker and hashed. */
  readonly plaintext: Uint8Array;
  /** keccak256 of `plaintext`: what the market stores as the job's `inputHash`. */
  readonly inputHash: Hex;
};

/**
 * The job's input as workers read it (sdk/src/protocol/messages.ts), encoded once and hashed.
 * @example
 * const { plaintext, inputHash } = await buildJobInput(client, { modelHash, prompt: "Hello", maxTokens: 16 });
 * const encryptedInputs = sealInputs({ workers: picked, plaintext });
 */
export async function buildJobInput(
  client: InferGridBaseClient,
  params: BuildJobInputParams,
): Promise<BuildJobInputReturnType> {
  const replyKey = params.replyKey ?? (await client.replyKey()).publicKey;
  const input: JobInput = jobInputSchema.parse({
    version: 1,
    modelHash: params.modelHash,
    ...(params.prompt !== undefined ? { prompt: params.prompt } : { messages: params.messages }),
    sampling: { ...params.sampling, maxTokens: params.maxTokens },
    replyKey,
  });
  const plaintext = encodeJobInput(input);
  return { input, plaintext, inputHash: jobInputHash(plaintext) };
}

/**
 * The input sealed to each worker's X25519 key, in the order of `workers` (the order the job
 * names them in, which `postJob` requires).
 * @example sealInputs({ workers: route.picked, plaintext }) // [0x…, 0x…]
 */
export function sealInputs(params: {
  readonly workers: readonly { readonly encryptionKey: Hex }[];
  readonly plaintext: Uint8Array;
}): Hex[] {
  return params.workers.map((w) => seal(w.encryptionKey, params.plaintext));
}
