import type { Hex } from "viem";
import { z } from "zod";
import type { InferGridBaseClient } from "../baseClient.ts";
import { openJson } from "../crypto.ts";
import type { FingerprintData } from "../fingerprint.ts";
import { workerRoutes, type JobOutput } from "../protocol/messages.ts";
import { authHeaders, errorText, sleep } from "./shared.ts";

const jobOutputSchema = z.object({
  text: z.string(),
  outputTokenIds: z.array(z.number().int().nonnegative()),
  // Checked by hashFingerprint itself, so this module does not pin the fingerprint layout.
  fingerprint: z.custom<FingerprintData>((v) => typeof v === "object" && v !== null),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  finishReason: z.string(),
  commitment: z.string(),
});
const outputResponseSchema = z.object({ output: z.string().regex(/^0x[0-9a-fA-F]*$/) });

export type FetchOutputParams = {
  readonly jobId: bigint;
  /** The worker's registered endpoint. */
  readonly endpoint: string;
  /** The private half of the reply key the input named; the client's own by default. */
  readonly replyKey?: Hex;
  readonly signal?: AbortSignal | undefined;
};
export type FetchOutputReturnType =
  | { readonly output: JobOutput; readonly problem: null }
  | { readonly output: undefined; readonly problem: string };

/**
 * Asks a worker for the job's output (sealed to the poster's reply key) and opens it. Asks
 * again while the worker answers 404 (it has not stored the result yet), for up to the
 * client's `outputTimeoutMs`. Returns the problem instead of throwing: a poster checks every
 * worker's output and wants to know why each one failed.
 * @example
 * const { output, problem } = await fetchOutput(client, { jobId, endpoint: worker.endpoint });
 */
export async function fetchOutput(
  client: InferGridBaseClient,
  params: FetchOutputParams,
): Promise<FetchOutputReturnType> {
  const replyKey = params.replyKey ?? (await client.replyKey()).privateKey;
  const url = `${params.endpoint}${workerRoutes.output(params.jobId)}`;
  const giveUpAt = Date.now() + client.outputTimeoutMs;
  const doFetch = client.fetch;
  const fail = (problem: string) => ({ output: undefined, problem }) as const;
  let last = "no answer";
  for (;;) {
    try {
      const res = await doFetch(url, {
        headers: await authHeaders(client, "output", params.jobId),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) {
        const body = outputResponseSchema.safeParse(await res.json());
        if (!body.success) return fail(`${url} answered without a sealed output`);
        try {
          const parsed = jobOutputSchema.safeParse(openJson(replyKey, body.data.output as Hex));
          if (!parsed.success) {
            const issues = parsed.error.issues.map(
              (i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`,
            );
            return fail(`output is malformed: ${issues.join("; ")}`);
          }
          return { output: parsed.data as JobOutput, problem: null };
        } catch (e) {
          return fail(`cannot open the output: ${errorText(e)}`);
        }
      }
      last = `HTTP ${res.status}`;
      // 404: the worker has not stored it yet; anything else will not get better by waiting.
      if (res.status !== 404) return fail(`${url} answered ${last}`);
    } catch (e) {
      last = errorText(e);
    }
    if (Date.now() > giveUpAt) return fail(`${url}: ${last} after ${client.outputTimeoutMs} ms`);
    await sleep(client.pollIntervalMs, params.signal);
  }
}
