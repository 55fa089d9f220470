import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { streamSSE } from "hono/streaming";
import { isHex, type Address, type Hex } from "viem";
import {
  AUTH_HEADER,
  AuthError,
  isInferGridError,
  sealJson,
  seal,
  verifyAuthHeader,
  type HealthReport,
} from "@infergrid/sdk";
import type { Metrics } from "./metrics.ts";
import type { DaemonState, JobRecord } from "./state.ts";
import type { JobStreams, StreamEvent } from "./streams.ts";

/**
 * What the HTTP server needs from the worker daemon, and nothing more: it reads state and the
 * stream buffer, asks the chain one question (who is drawn for a case), and never acts.
 */
export type WorkerServerHost = {
  readonly address: Address;
  readonly capacity: number;
  readonly log: { error(obj: object, msg: string): void };
  readonly metrics: Pick<Metrics, "registry">;
  readonly streams: Pick<JobStreams, "get">;
  chainId(): number;
  /** The daemon's persisted state (jobs by id, last processed block). */
  state(): Pick<DaemonState, "jobs" | "lastProcessedBlock">;
  headBlock(): bigint;
  servedModels(): { modelId: bigint; modelHash: Hex; name: string }[];
  /** The job's output sealed to its poster, or null before the result exists. */
  sealedOutputFor(jobId: string): Hex | null;
  /** The job's plaintext input bytes, for a drawn validator. */
  inputBytes(record: JobRecord): Uint8Array;
  /** The validators drawn for the job's current case. */
  drawnValidators(jobId: bigint): Promise<readonly Address[]>;
};

export type ServerHandle = { url: string; close: () => Promise<void> };

function jobIdOf(c: Context): bigint | null {
  const raw = c.req.param("id") ?? "";
  return /^\d{1,78}$/.test(raw) ? BigInt(raw) : null;
}

export async function startServer(daemon: WorkerServerHost, host: string, port: number): Promise<ServerHandle> {
  const app = new Hono();
  const chainId = () => daemon.chainId();
  // Posters stream from the dApp's origin; every job route is gated by a signed header, not
  // by the origin, so any origin may ask.
  app.use("*", cors({ origin: "*", allowMethods: ["GET", "OPTIONS"], allowHeaders: [AUTH_HEADER] }));

  app.onError((err, c) => {
    if (isInferGridError(err, "UNAUTHORIZED")) return c.json({ error: err.message }, err.status as 401);
    daemon.log.error({ err: err.message, path: c.req.path }, "request failed");
    return c.json({ error: err.message }, 500);
  });

  app.get("/health", (c) => {
    const state = daemon.state();
    const jobs = Object.values(state.jobs);
    const last = BigInt(state.lastProcessedBlock);
    const head = daemon.headBlock();
    const report: HealthReport = {
      status: "ok",
      address: daemon.address,
      chainId: chainId(),
      models: daemon
        .servedModels()
        .map((m) => ({ modelId: m.modelId.toString(), modelHash: m.modelHash, name: m.name })),
      activeJobs: jobs.filter((j) => j.phase === "accepted" || j.phase === "committed").length,
      capacity: daemon.capacity,
      lastProcessedBlock: last.toString(),
      chainLagBlocks: Number(head > last ? head - last : 0n),
    };
    return c.json(report);
  });

  app.get("/metrics", async (c) => {
    c.header("content-type", daemon.metrics.registry.contentType);
    return c.body(await daemon.metrics.registry.metrics());
  });

  /** The job's poster, or a 404/403 naming why not. */
  async function posterOnly(c: Context, purpose: "stream" | "output"): Promise<string> {
    const jobId = jobIdOf(c);
    if (jobId === null) throw new AuthError("job id must be a decimal number", 400);
    const signer = await verifyAuthHeader(c.req.header(AUTH_HEADER), { purpose, chainId: chainId(), jobId });
    // A poster usually connects right after its post is mined, before this worker's next poll.
    let record = daemon.state().jobs[jobId.toString()];
    for (let i = 0; i < 100 && !record; i++) {
      await new Promise((r) => setTimeout(r, 50));
      record = daemon.state().jobs[jobId.toString()];
    }
    if (!record) throw new AuthError(`job ${jobId} is not assigned to this worker (or not seen yet)`, 404);
    if (signer.toLowerCase() !== record.poster.toLowerCase()) {
      throw new AuthError(`only the job's poster ${record.poster} may read it; signed by ${signer}`, 403);
    }
    return jobId.toString();
  }

  app.get("/jobs/:id/stream", async (c) => {
    const key = await posterOnly(c, "stream");
    // The job may be seen moments after the poster connects: wait briefly for its stream.
    let stream = daemon.streams.get(key);
    for (let i = 0; i < 100 && !stream; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stream = daemon.streams.get(key);
    }
    if (!stream)
      return c.json({ error: `job ${key} has no stream on this worker (it may have finished before a restart)` }, 404);
    const s = stream;
    return streamSSE(c, async (sse) => {
      let queue: StreamEvent[] = [...s.events];
      let wake: (() => void) | null = null;
      const listener = (e: StreamEvent) => {
        queue.push(e);
        wake?.();
      };
      s.listeners.add(listener);
      sse.onAbort(() => {
        s.listeners.delete(listener);
      });
      try {
        for (;;) {
          for (const e of queue) await sse.writeSSE({ event: e.event, data: e.data });
          if (queue.some((e) => e.event !== "token")) return;
          queue = [];
          await new Promise<void>((r) => (wake = r));
          wake = null;
        }
      } finally {
        s.listeners.delete(listener);
      }
    });
  });

  app.get("/jobs/:id/output", async (c) => {
    const key = await posterOnly(c, "output");
    const sealed = daemon.sealedOutputFor(key);
    if (!sealed) return c.json({ error: `job ${key} has no result yet` }, 404);
    return c.json({ output: sealed });
  });

  app.get("/jobs/:id/validate", async (c) => {
    const jobId = jobIdOf(c);
    const key = c.req.query("key");
    if (jobId === null || !key || !isHex(key) || key.length !== 66) {
      return c.json({ error: "usage: /jobs/<id>/validate?key=<validator X25519 public key, 0x + 64 hex>" }, 400);
    }
    const record = daemon.state().jobs[jobId.toString()];
    if (!record?.output) return c.json({ error: `job ${jobId} has no result on this worker` }, 404);
    const signer = await verifyAuthHeader(c.req.header(AUTH_HEADER), {
      purpose: "validate",
      chainId: chainId(),
      jobId,
      key,
    });
    const drawn = await daemon.drawnValidators(jobId);
    if (!drawn.some((v) => v.toLowerCase() === signer.toLowerCase())) {
      throw new AuthError(`${signer} is not a validator drawn for job ${jobId}`, 403);
    }
    return c.json({ input: seal(key, daemon.inputBytes(record)), output: sealJson(key, record.output) });
  });

  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((r) => {
            // Open SSE streams would keep close() waiting forever.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
