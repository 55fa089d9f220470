import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Hex } from "viem";
import type { JobOutput } from "@infergrid/sdk";

/**
 * Everything a daemon needs to resume after a crash that the chain does not already hold:
 * the last block it processed, and per job the sealed input, the result it computed and the
 * salt of an unrevealed commitment. Written atomically (temp file + rename).
 */
export type JobPhase =
  | "accepted" // decrypted and checked; generation may not have finished
  | "declined"
  | "committed" // R > 1: sealed commitment on chain, reveal pending
  | "delivered" // result on chain
  | "done" // finalized, refunded or timed out: nothing left to do
  | "failed"; // could not be served (reason recorded)

export type JobRecord = {
  phase: JobPhase;
  modelId: string;
  redundancy: number;
  deadline: number;
  /** The input as sealed to this worker (re-opened on demand; plaintext is never stored). */
  sealedInput: Hex;
  inputHash: Hex;
  poster: Hex;
  output?: JobOutput;
  salt?: Hex;
  txs: Hex[];
  reason?: string;
  attempts?: number;
  /** Known once the result is in: when finalize may be sent (chain seconds). */
  challengeEndsAt?: number;
  maxInputTokens?: number;
  maxOutputTokens?: number;
  updatedAt: number;
};

export type DaemonState = {
  version: 1;
  lastProcessedBlock: string;
  jobs: Record<string, JobRecord>;
  /** Validator mode: per case, the verdict and salt of a committed vote. */
  votes: Record<string, { verdict: Hex; salt: Hex; phase: "committed" | "revealed" | "resolved" }>;
};

export const emptyState = (startBlock: bigint): DaemonState => ({
  version: 1,
  lastProcessedBlock: (startBlock - 1n).toString(),
  jobs: {},
  votes: {},
});

export async function loadState(file: string, startBlock: bigint): Promise<DaemonState> {
  try {
    const s = JSON.parse(await readFile(file, "utf8")) as DaemonState;
    s.votes ??= {};
    return s;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyState(startBlock);
    throw new Error(`state file ${file} is unreadable (${(e as Error).message}); move it away to start from scratch`);
  }
}

export class StateStore {
  readonly file: string;
  state: DaemonState;
  private current: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  constructor(file: string, state: DaemonState) {
    this.file = file;
    this.state = state;
  }

  /**
   * Resolves once a write that includes every change made before the call is on disk. Calls
   * that arrive while a write runs share the one write queued after it, so a burst of jobs
   * costs two writes, not one per job.
   */
  save(): Promise<void> {
    if (!this.current) {
      this.current = this.write().finally(() => (this.current = null));
      return this.current;
    }
    this.next ??= this.current.then(() => {
      this.next = null;
      return this.save();
    });
    return this.next;
  }

  /** Moves a job to `phase` (noting why, when given) and saves. */
  setPhase(record: JobRecord, phase: JobPhase, reason?: string): Promise<void> {
    record.phase = phase;
    if (reason) record.reason = reason;
    record.updatedAt = Date.now();
    return this.save();
  }

  private async write() {
    const snapshot = JSON.stringify(this.state);
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, snapshot);
    await rename(tmp, this.file);
  }
}
