import { keccak256, toBytes, verifyMessage, type Address, type Hex } from "viem";
import { z } from "zod";
import type { FingerprintData } from "../fingerprint.ts";
import { InferGridError } from "../errors.ts";

/**
 * What travels between a job's poster, its workers and its validators off chain. The chain
 * sees only `inputHash` (keccak256 of the exact plaintext bytes the poster encrypted) and the
 * result commitment; everything here is encrypted to the party that reads it.
 */

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "expected a 0x-prefixed 32-byte hex string") as z.ZodType<Hex>;

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const samplingSchema = z.object({
  maxTokens: z.number().int().positive(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().nonnegative().optional(),
  stop: z.array(z.string().min(1)).max(4).optional(),
});
export type Sampling = z.infer<typeof samplingSchema>;

/** The plaintext of a job's input, as the poster encrypts it to each worker. */
export const jobInputSchema = z
  .object({
    version: z.literal(1),
    modelHash: hex32,
    prompt: z.string().optional(),
    messages: z.array(chatMessageSchema).min(1).optional(),
    sampling: samplingSchema,
    /** The poster's X25519 public key: the worker encrypts the token stream and the output to it. */
    replyKey: hex32,
  })
  .refine((v) => (v.prompt === undefined) !== (v.messages === undefined), {
    message: "exactly one of prompt and messages",
  });
export type JobInput = z.infer<typeof jobInputSchema>;

/** The bytes that are encrypted and hashed; the worker hashes exactly what it decrypts. */
export const encodeJobInput = (input: JobInput): Uint8Array => new TextEncoder().encode(JSON.stringify(input));
export const jobInputHash = (plaintext: Uint8Array): Hex => keccak256(plaintext);

/** What a worker hands the poster (and a drawn validator) once it has a result. */
export type JobOutput = {
  text: string;
  outputTokenIds: number[];
  fingerprint: FingerprintData;
  inputTokens: number;
  outputTokens: number;
  finishReason: string;
  commitment: Hex;
};

/** One streamed token, encrypted to the poster's reply key as the data of an SSE `token` event. */
export type StreamToken = { index: number; tokenId: number; text: string };
/** The last SSE event of a stream (`done`), also encrypted. */
export type StreamDone = { finishReason: string; outputTokens: number };

/** What a worker returns to a drawn validator: the input and its claimed result, encrypted to the validator. */
export type ValidatorBundle = { input: Hex; output: Hex };

/** Requests to a worker's job endpoints are signed by the poster (or a drawn validator). */
export type AuthPurpose = "stream" | "output" | "validate";
export const AUTH_HEADER = "x-infergrid-auth";
/** How far a signed request's timestamp may be from the worker's clock. */
export const AUTH_MAX_SKEW_S = 300;

export function authMessage(p: {
  purpose: AuthPurpose;
  chainId: number;
  jobId: bigint;
  timestamp: number;
  key?: Hex;
}): string {
  const key = p.key ? ` key ${p.key}` : "";
  return `InferGrid ${p.purpose} job ${p.jobId} on chain ${p.chainId} at ${p.timestamp}${key}`;
}

export const encodeAuthHeader = (address: Address, timestamp: number, signature: Hex): string =>
  `${address}:${timestamp}:${signature}`;

/** A signed request to a worker failed its check; `status` is the HTTP status to answer with. */
export class AuthError extends InferGridError {
  override name = "AuthError";
  readonly code = "UNAUTHORIZED";
  readonly status: number;
  constructor(message: string, status = 401) {
    super(message);
    this.status = status;
  }
}

/**
 * Checks a signed request and returns the signer. The caller still checks that the signer is
 * entitled (the job's poster, or a validator drawn for its case).
 */
export async function verifyAuthHeader(
  header: string | undefined,
  p: { purpose: AuthPurpose; chainId: number; jobId: bigint; key?: Hex; now?: number },
): Promise<Address> {
  if (!header)
    throw new AuthError(
      `missing ${AUTH_HEADER} header: sign "${authMessage({ ...p, timestamp: 0 })}" with the job's account`,
    );
  const [address, ts, signature] = header.split(":");
  const timestamp = Number(ts);
  if (!address || !signature || !Number.isInteger(timestamp)) throw new AuthError(`malformed ${AUTH_HEADER} header`);
  const now = p.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > AUTH_MAX_SKEW_S) {
    throw new AuthError(
      `signed timestamp ${timestamp} is more than ${AUTH_MAX_SKEW_S} s from the worker's clock ${now}`,
    );
  }
  const ok = await verifyMessage({
    address: address as Address,
    message: authMessage({ ...p, timestamp }),
    signature: signature as Hex,
  }).catch(() => false);
  if (!ok) throw new AuthError("signature does not match the address");
  return address as Address;
}

/** `toBytes` re-exported for callers that build inputs by hand. */
export { toBytes };

/**
 * A worker's HTTP API (its registered endpoint is the base URL):
 * - GET  /health                 -> HealthReport (public)
 * - GET  /metrics                -> Prometheus text (public)
 * - GET  /jobs/:id/stream        -> text/event-stream; events `token` (data: seal(replyKey, StreamToken)),
 *                                   `done` (data: seal(replyKey, StreamDone)), `error` (data: plain message).
 *                                   Tokens generated before the request are replayed first. Poster only.
 * - GET  /jobs/:id/output        -> { output: seal(replyKey, JobOutput) }; 404 until the result exists. Poster only.
 * - GET  /jobs/:id/validate?key= -> ValidatorBundle encrypted to `key`; only a validator drawn for the job's case,
 *                                   signing purpose "validate" with that key.
 * Auth: header AUTH_HEADER = encodeAuthHeader(address, unixSeconds, signMessage(authMessage(...))).
 */
export const workerRoutes = {
  health: "/health",
  metrics: "/metrics",
  stream: (jobId: bigint) => `/jobs/${jobId}/stream`,
  output: (jobId: bigint) => `/jobs/${jobId}/output`,
  validate: (jobId: bigint, key: Hex) => `/jobs/${jobId}/validate?key=${key}`,
} as const;

export type HealthReport = {
  status: "ok" | "starting" | "degraded";
  address: Address;
  chainId: number;
  models: { modelId: string; modelHash: Hex; name: string }[];
  activeJobs: number;
  capacity: number;
  lastProcessedBlock: string;
  chainLagBlocks: number;
};
