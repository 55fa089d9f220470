import type { Logger } from "pino";
import type { PublicClient } from "viem";
import type { Metrics } from "./metrics.ts";
import type { StateStore } from "./state.ts";

const LOG_CHUNK = 2_000n;
const MAX_BACKOFF_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `step` every `intervalMs` until `stopped()`; while it fails the wait doubles up to 10 s.
 * An RPC outage lands here: the daemon keeps its state, waits and tries again.
 */
export async function runLoop(p: {
  intervalMs: number;
  stopped: () => boolean;
  step: () => Promise<void>;
  log: Logger;
}) {
  let backoff = p.intervalMs;
  while (!p.stopped()) {
    try {
      await p.step();
      backoff = p.intervalMs;
    } catch (e) {
      p.log.warn({ err: (e as Error).message.split("\n")[0] }, "poll failed; retrying");
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    await sleep(backoff);
  }
}

/**
 * Hands every confirmed block range after the last processed block to `onRange`, in chunks a
 * node's log query accepts, persisting progress after each, and returns the head it saw.
 */
export async function scanConfirmed(p: {
  publicClient: PublicClient;
  store: StateStore;
  confirmations: number;
  metrics: Metrics;
  stopped: () => boolean;
  onRange: (from: bigint, to: bigint) => Promise<void>;
}): Promise<bigint> {
  const head = await p.publicClient.getBlockNumber({ cacheTime: 0 });
  const to = head - BigInt(p.confirmations);
  let from = BigInt(p.store.state.lastProcessedBlock) + 1n;
  p.metrics.chainLag.set(Number(head - BigInt(p.store.state.lastProcessedBlock)));
  while (from <= to && !p.stopped()) {
    const end = from + LOG_CHUNK - 1n < to ? from + LOG_CHUNK - 1n : to;
    await p.onRange(from, end);
    p.store.state.lastProcessedBlock = end.toString();
    await p.store.save();
    from = end + 1n;
  }
  return head;
}

/**
 * The chain's notion of now: the later of the wall clock and the latest block (local chains
 * jump ahead with evm_increaseTime). The offset is re-read at most once a second.
 */
export class ChainClock {
  private readonly publicClient: PublicClient;
  private checkedAt = 0;
  private offset = 0n;
  constructor(publicClient: PublicClient) {
    this.publicClient = publicClient;
  }
  async now(): Promise<bigint> {
    const wall = BigInt(Math.floor(Date.now() / 1000));
    if (Date.now() - this.checkedAt > 1_000) {
      const block = await this.publicClient.getBlock({ blockTag: "latest" });
      this.checkedAt = Date.now();
      this.offset = block.timestamp > wall ? block.timestamp - wall : 0n;
    }
    return wall + this.offset;
  }
}
