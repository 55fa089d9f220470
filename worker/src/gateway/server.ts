import { createHash, timingSafeEqual } from "node:crypto";
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { createPublicClient, http, type Address } from "viem";
import { createInferGridClient, getContractConfigs, readDeployment, type JobResult } from "@infergrid/sdk";
import type { Logger } from "pino";
import { loadPrivateKey } from "../daemon/config.ts";
import { createLogger } from "../daemon/log.ts";
import { parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from "./config.ts";
import { GatewayError, invalidRequest, toGatewayError } from "./errors.ts";
import { createJobRunner, type JobRunner, type Posted, type RunningJob } from "./jobs.ts";
import { answerText, chunkBuilder, completionBody, jobHeaders, type Kind } from "./openai.ts";
import { parseChatRequest, parseCompletionRequest, type JobRequest } from "./requests.ts";

/**
 * The OpenAI-compatible gateway: `GET /v1/models`, `POST /v1/chat/completions` and
 * `POST /v1/completions` (streaming or not), each request one on-chain job paid by the
 * operator's account. See the README section "OpenAI-compatible gateway".
 */

export type GatewayHandle = {
  readonly url: string;
  /** The operator account that pays for every job. */
  readonly address: Address;
  close(): Promise<void>;
};

export type StartGatewayOptions = {
  readonly logger?: Logger;
  /** Where key.privateKeyEnv / key.passwordEnv are looked up (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
};

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Checks `Authorization: Bearer <key>` against the configured keys in constant time. */
function checkApiKey(header: string | undefined, keys: readonly Buffer[]): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) {
    throw new GatewayError(
      401,
      "Missing API key: send it as 'Authorization: Bearer <key>' (the gateway operator issues keys).",
      {
        type: "invalid_request_error",
        code: "missing_api_key",
      },
    );
  }
  const given = digest(match[1]!);
  let ok = false;
  for (const k of keys) ok = timingSafeEqual(given, k) || ok;
  if (!ok)
    throw new GatewayError(401, "Incorrect API key provided.", {
      type: "invalid_request_error",
      code: "invalid_api_key",
    });
}

const errorResponse = (c: Context, e: GatewayError, headers: Record<string, string> = {}) => {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(e.toBody(), e.status);
};

export async function startGateway(
  input: GatewayConfigInput | GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<GatewayHandle> {
  const config = parseGatewayConfig(input);
  const log = options.logger ?? createLogger("gateway", config.logLevel);
  const key = await loadPrivateKey(config.key, options.env ?? process.env);
  const reader = createPublicClient({ transport: http(config.rpcUrl) });
  const chainId = await reader.getChainId().catch((e: unknown) => {
    throw new Error(
      `cannot reach the chain at ${config.rpcUrl}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
    );
  });
  const deployment = readDeployment(chainId, config.deploymentsDir, config.deploymentId ?? `chain-${chainId}`);
  const params = await reader.readContract({
    ...getContractConfigs(deployment).ProtocolConfig,
    functionName: "params",
  });
  const deadlineSeconds = config.deadlineSeconds ?? Math.min(600, params.jobTimeout);
  const runner = createJobRunner({
    rpcUrl: config.rpcUrl,
    privateKey: key,
    deployment,
    chainId,
    redundancy: config.redundancy,
    maxPricePerToken: config.maxPricePerToken,
    deadlineSeconds: config.deadlineSeconds,
    approval: config.approval,
    capacityWaitMs: config.capacityWaitMs,
    pollIntervalMs: config.pollIntervalMs,
    log,
  });
  const account = runner.account;
  const sdk = createInferGridClient({ account, publicClient: reader, deployment });
  const app = createGatewayApp({ config, log, runner, sdk, deadlineSeconds });

  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: config.listen.host, port: config.listen.port }, (info) => {
      const url = `http://${config.listen.host}:${info.port}`;
      log.info(
        { url, operator: account.address, chainId, deployment: config.deploymentId ?? `chain-${chainId}` },
        "gateway listening",
      );
      resolve({
        url,
        address: account.address,
        close: () =>
          new Promise<void>((r) => {
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
    server.once("error", reject);
  });
}

type AppDeps = {
  config: GatewayConfig;
  log: Logger;
  runner: JobRunner;
  sdk: ReturnType<typeof createInferGridClient>;
  deadlineSeconds: number;
};

export function createGatewayApp({ config, log, runner, sdk, deadlineSeconds }: AppDeps) {
  const app = new Hono();
  const keys = config.apiKeys.map(digest);

  app.onError((e, c) => {
    const err = toGatewayError(e);
    if (err.status >= 500)
      log.error({ err: e instanceof Error ? e.message : String(e), status: err.status }, "request failed");
    return errorResponse(c, err);
  });
  app.notFound((c) =>
    errorResponse(
      c,
      new GatewayError(404, `Unknown route ${c.req.method} ${c.req.path}.`, {
        type: "invalid_request_error",
        code: "unknown_url",
      }),
    ),
  );

  app.use("/v1/*", async (c, next) => {
    checkApiKey(c.req.header("authorization"), keys);
    await next();
  });

  /** Active registered models with at least one worker eligible at the default price right now. */
  async function availableModels() {
    const models = (await sdk.listModels()).filter((m) => m.active);
    const seen = new Set<string>();
    const out = [];
    for (const m of models) {
      if (seen.has(m.name.toLowerCase())) continue;
      const route = await sdk.eligibleWorkers({
        modelId: m.id,
        maxPricePerInputToken: config.maxPricePerToken,
        maxPricePerOutputToken: config.maxPricePerToken,
        minDuration: deadlineSeconds,
        exclude: [runner.account.address],
      });
      if (route.ranked.length === 0) continue;
      seen.add(m.name.toLowerCase());
      const min = (xs: bigint[]) => xs.reduce((a, b) => (b < a ? b : a));
      out.push({
        id: m.name,
        object: "model" as const,
        created: Number(m.registeredAt),
        owned_by: m.creator,
        infergrid: {
          model_id: m.id.toString(),
          model_hash: m.manifestHash,
          eligible_workers: route.ranked.length,
          min_price_per_input_token: min(route.ranked.map((w) => w.pricePerInputToken)).toString(),
          min_price_per_output_token: min(route.ranked.map((w) => w.pricePerOutputToken)).toString(),
        },
      });
    }
    return out;
  }

  app.get("/v1/models", async (c) => c.json({ object: "list", data: await availableModels() }));
  app.get("/v1/models/:id", async (c) => {
    const id = c.req.param("id");
    const found = (await availableModels()).find(
      (m) => m.id.toLowerCase() === id.toLowerCase() || m.infergrid.model_id === id,
    );
    if (!found)
      throw new GatewayError(404, `The model '${id}' does not exist or no worker serves it now.`, {
        type: "invalid_request_error",
        param: "model",
        code: "model_not_found",
      });
    return c.json(found);
  });

  const handle = (kind: Kind) => async (c: Context) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw invalidRequest(
        "The request body is not valid JSON. Nothing was posted and no funds moved.",
        null,
        "invalid_json",
      );
    }
    const req =
      kind === "chat"
        ? parseChatRequest(body, config.defaultMaxTokens)
        : parseCompletionRequest(body, config.defaultMaxTokens);
    const created = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const queue = new TokenQueue();
    const job = runner.run(req, (t) => queue.push(t));
    let posted: Posted | undefined;
    void job.posted.then((p) => (posted = p));
    const finished = (r: JobResult, extra: Record<string, unknown> = {}) =>
      log.info(
        {
          jobId: r.jobId.toString(),
          tx: r.transactions.post,
          kind,
          stream: req.stream,
          user: req.user,
          inputTokens: r.inputTokens,
          outputTokens: r.outputTokens,
          cost: r.cost.toString(),
          ms: Math.round(performance.now() - started),
          ...extra,
        },
        "job done",
      );

    if (!req.stream) {
      try {
        const r = await job.done;
        // A client that went away did not stop the job (nothing aborts it); say so.
        finished(r, c.req.raw.signal.aborted ? { clientDisconnected: true } : {});
        return c.json(completionBody(kind, r, created, req.sampling.stop ?? []), 200, {
          ...jobHeaders({ jobId: r.jobId, transaction: r.transactions.post }, r),
        });
      } catch (e) {
        return errorResponse(c, toGatewayError(e), posted ? jobHeaders(posted) : {});
      }
    }
    return streamJob(c, { kind, req, job, queue, created, posted: () => posted, finished });
  };

  function streamJob(
    c: Context,
    s: {
      kind: Kind;
      req: JobRequest;
      job: RunningJob;
      queue: TokenQueue;
      created: number;
      posted: () => Posted | undefined;
      finished: (r: JobResult, extra?: Record<string, unknown>) => void;
    },
  ): Promise<Response> {
    const { job, queue } = s;
    // Headers wait for the first token (or the end): until then a failure is still a plain HTTP error.
    const outcome = Promise.race([queue.first.then(() => "token" as const), job.done.then(() => "done" as const)]);
    return outcome.then(
      async () => {
        const p =
          s.posted() ??
          (await Promise.race([job.posted, new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000))]));
        return sseResponse(s, p);
      },
      (e: unknown) => errorResponse(c, toGatewayError(e), s.posted() ? jobHeaders(s.posted()!) : {}),
    );
  }

  function sseResponse(
    s: {
      kind: Kind;
      req: JobRequest;
      job: RunningJob;
      queue: TokenQueue;
      created: number;
      finished: (r: JobResult, extra?: Record<string, unknown>) => void;
    },
    p: Posted | undefined,
  ): Response {
    const encoder = new TextEncoder();
    let gone = false;
    const jobId = p?.jobId ?? 0n; // known once the post is mined, which precedes any token
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        const send = (data: unknown) => {
          if (gone) return;
          try {
            controller.enqueue(encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`));
          } catch {
            gone = true;
          }
        };
        void (async () => {
          let r: JobResult | undefined;
          let failure: unknown;
          const doneState = s.job.done.then(
            (x) => (r = x),
            (e: unknown) => (failure = e ?? new Error("job failed")),
          );
          const chunks = chunkBuilder(s.kind, {
            jobId,
            model: s.req.model,
            fingerprint: null,
            created: s.created,
            includeUsage: s.req.includeUsage,
          });
          const stops = new StopFilter(s.req.sampling.stop ?? []);
          let streamed = "";
          let opened = false;
          const open = () => {
            if (opened) return;
            opened = true;
            const first = chunks.first();
            if (first) send(first);
          };
          for (;;) {
            for (const token of s.queue.drain()) {
              const text = stops.push(token);
              if (text === "") continue;
              open();
              streamed += text;
              send(chunks.token(text));
            }
            if (r || failure) break;
            await Promise.race([s.queue.next(), doneState]);
          }
          if (r) {
            open();
            // The verified text is what counts; send what the stream missed or held back, if anything.
            const text = answerText(r, s.req.sampling.stop ?? []);
            if (text.startsWith(streamed) && text.length > streamed.length)
              send(chunks.token(text.slice(streamed.length)));
            for (const chunk of chunks.final(r)) send(chunk);
            send("[DONE]");
            s.finished(r, gone ? { clientDisconnected: true } : {});
          } else {
            const err = toGatewayError(failure);
            log.warn(
              { jobId: jobId.toString(), status: err.status, err: err.message },
              "job failed after its stream started",
            );
            send(err.toBody());
            send("[DONE]");
          }
          if (!gone) controller.close();
        })();
      },
      cancel: () => {
        gone = true;
        log.warn(
          { jobId: jobId.toString() },
          "client disconnected mid-stream; the job keeps running to completion and settles as usual",
        );
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
        ...(p ? jobHeaders(p) : {}),
      },
    });
  }

  app.post("/v1/chat/completions", handle("chat"));
  app.post("/v1/completions", handle("completion"));
  return app;
}

/** Streamed tokens waiting to be written, with a wake-up for the writer. */
class TokenQueue {
  private items: string[] = [];
  private wake: (() => void) | undefined;
  private resolveFirst!: () => void;
  readonly first = new Promise<void>((r) => (this.resolveFirst = r));
  push(text: string) {
    this.items.push(text);
    this.resolveFirst();
    this.wake?.();
  }
  drain(): string[] {
    const out = this.items;
    this.items = [];
    return out;
  }
  next(): Promise<void> {
    if (this.items.length > 0) return Promise.resolve();
    return new Promise<void>((r) => (this.wake = r));
  }
}

/**
 * Holds back streamed text that may be the start of a stop sequence, and drops everything from
 * a stop sequence on, so a stream shows what the non-streamed answer shows (OpenAI leaves the
 * stop sequence out). What is held back when the job ends comes from the verified text.
 */
export class StopFilter {
  private readonly stops: readonly string[];
  private pending = "";
  private stopped = false;
  constructor(stops: readonly string[]) {
    this.stops = stops.filter((x) => x.length > 0);
  }
  /** Returns the text that can be shown now. */
  push(text: string): string {
    if (this.stopped) return "";
    if (this.stops.length === 0) return text;
    this.pending += text;
    let cut = -1;
    for (const stop of this.stops) {
      const at = this.pending.indexOf(stop);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.stopped = true;
      const out = this.pending.slice(0, cut);
      this.pending = "";
      return out;
    }
    let hold = 0;
    for (const stop of this.stops) {
      for (let k = Math.min(stop.length - 1, this.pending.length); k > hold; k--) {
        if (this.pending.endsWith(stop.slice(0, k))) {
          hold = k;
          break;
        }
      }
    }
    const out = this.pending.slice(0, this.pending.length - hold);
    this.pending = this.pending.slice(this.pending.length - hold);
    return out;
  }
}
