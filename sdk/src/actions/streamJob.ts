import type { Address, Hex } from "viem";
import { z } from "zod";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import { openJson } from "../crypto.ts";
import { WorkerRequestError } from "../errors.ts";
import { workerRoutes } from "../protocol/messages.ts";
import { parseSse } from "../sse.ts";
import { authHeaders, sleep } from "./shared.ts";

const streamTokenSchema = z.object({
  index: z.number().int().nonnegative(),
  tokenId: z.number().int().nonnegative(),
  text: z.string(),
});

export type StreamJobParams = {
  readonly jobId: bigint;
  /** The job's workers with their endpoints (e.g. `route.picked`). */
  readonly workers: readonly { readonly address: Address; readonly endpoint: string }[];
  /** The private half of the reply key the input named; the client's own by default. */
  readonly replyKey?: Hex;
  readonly onToken?: ((text: string, tokenId: number) => void) | undefined;
  /** Stops streaming (the job itself goes on). */
  readonly signal: AbortSignal;
  /** The post's block: "was a result mined before the first token?" is asked from here on. */
  readonly fromBlock: bigint;
};
export type StreamJobReturnType = {
  /** Unix ms of the first token, or null when none came. */
  readonly firstTokenAt: number | null;
  /** No result for the job was on chain when the first token arrived. */
  readonly firstTokenBeforeResult: boolean;
};

/**
 * Streams the job's tokens from its workers (server-sent events, each token sealed to the
 * poster's reply key). Listens to every worker until one sends a token, then follows that one
 * only (the tokens are the same when workers agree, and mixing two streams would garble a
 * dispute). Reconnects while a worker does not know the job yet (404) or is unreachable, and
 * skips tokens a reconnect replays. Resolves when the source sends `done`, fails, or `signal`
 * aborts.
 * @example
 * const stop = new AbortController();
 * await streamJob(client, { jobId, workers: route.picked, fromBlock, signal: stop.signal, onToken: (t) => process.stdout.write(t) });
 */
export async function streamJob(client: InferGridBaseClient, params: StreamJobParams): Promise<StreamJobReturnType> {
  const { deployment } = await client.setup();
  const { JobMarket } = getContractConfigs(deployment);
  const replyKey = params.replyKey ?? (await client.replyKey()).privateKey;
  const pollMs = client.pollIntervalMs;
  const doFetch = client.fetch;
  let source: Address | undefined;
  let firstTokenAt: number | null = null;
  let beforeResult: Promise<boolean> = Promise.resolve(false);
  let nextIndex = 0;
  // One controller per worker, so choosing the source stops the others and only them.
  const followers = params.workers.map((w) => ({ w, controller: new AbortController() }));
  const stopAll = () => {
    for (const f of followers) f.controller.abort();
  };
  if (params.signal.aborted) stopAll();
  params.signal.addEventListener("abort", stopAll, { once: true });

  const follow = async (w: StreamJobParams["workers"][number], stop: AbortSignal) => {
    const url = `${w.endpoint}${workerRoutes.stream(params.jobId)}`;
    while (!stop.aborted && (source === undefined || source === w.address)) {
      try {
        const res = await doFetch(url, {
          headers: { accept: "text/event-stream", ...(await authHeaders(client, "stream", params.jobId)) },
          signal: stop,
        });
        if (!res.ok || !res.body) {
          await res.body?.cancel();
          await sleep(pollMs, stop);
          continue;
        }
        for await (const ev of parseSse(res.body)) {
          if (ev.event === "done") return;
          if (ev.event === "error") throw new WorkerRequestError(url, res.status, ev.data);
          if (ev.event !== "token") continue;
          const token = streamTokenSchema.parse(openJson(replyKey, ev.data as Hex));
          if (source === undefined) {
            source = w.address;
            for (const f of followers) if (f.w.address !== w.address) f.controller.abort();
            firstTokenAt = Date.now();
            // Was any result for this job mined when the first token arrived? Asked now, so a
            // result mined in between makes the answer "no": it errs on the modest side.
            beforeResult = client.publicClient
              .getContractEvents({
                ...JobMarket,
                eventName: "ResultSubmitted",
                args: { jobId: params.jobId },
                fromBlock: params.fromBlock,
              })
              .then((logs) => logs.length === 0);
          }
          if (source !== w.address) return;
          // Replays after a reconnect repeat tokens already shown.
          if (token.index < nextIndex) continue;
          nextIndex = token.index + 1;
          params.onToken?.(token.text, token.tokenId);
        }
        // The connection ended without `done`: reconnect; the worker replays, the index skips repeats.
        await sleep(pollMs, stop);
      } catch (e) {
        if (stop.aborted) return;
        if (e instanceof WorkerRequestError || e instanceof z.ZodError) return;
        await sleep(pollMs, stop).catch(() => undefined);
      }
    }
  };
  try {
    await Promise.all(followers.map((f) => follow(f.w, f.controller.signal).catch(() => undefined)));
  } finally {
    params.signal.removeEventListener("abort", stopAll);
  }
  return { firstTokenAt, firstTokenBeforeResult: await beforeResult.catch(() => false) };
}
