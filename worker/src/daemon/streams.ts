import type { Hex } from "viem";
import { sealJson, type StreamDone, type StreamToken } from "@infergrid/sdk";

/**
 * The stream buffer: per job, the sealed events generated so far and the live listeners, so a
 * poster that connects late (or reconnects) gets a replay before the live tokens. Tokens are
 * sealed to the poster's reply key as they are pushed; an `error` event carries plain text.
 */

export type StreamEvent = { readonly event: "token" | "done" | "error"; readonly data: string };

/** One job's events; `closed` once `done` or `error` was pushed. */
export class JobStream {
  readonly replyKey: Hex;
  readonly events: StreamEvent[] = [];
  readonly listeners = new Set<(e: StreamEvent) => void>();
  closed = false;
  constructor(replyKey: Hex) {
    this.replyKey = replyKey;
  }
  private emit(e: StreamEvent) {
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }
  push(t: StreamToken) {
    this.emit({ event: "token", data: sealJson(this.replyKey, t) });
  }
  done(d: StreamDone) {
    this.emit({ event: "done", data: sealJson(this.replyKey, d) });
    this.closed = true;
  }
  fail(message: string) {
    this.emit({ event: "error", data: message });
    this.closed = true;
  }
}

/** Every job's stream, by job id (decimal string). */
export class JobStreams {
  private streams = new Map<string, JobStream>();
  open(jobId: string, replyKey: Hex): JobStream {
    // A re-run after a crash starts the stream over.
    const s = new JobStream(replyKey);
    this.streams.set(jobId, s);
    return s;
  }
  get(jobId: string): JobStream | undefined {
    return this.streams.get(jobId);
  }
  fail(jobId: string, message: string) {
    this.streams.get(jobId)?.fail(message);
  }
}
