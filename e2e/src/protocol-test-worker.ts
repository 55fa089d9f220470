// ProtocolTestWorker: a TEST DOUBLE of the worker daemon, at the SDK's boundary. It runs no
// model: it follows sdk/src/protocol/messages.ts exactly on the wire (decrypts the job input with its
// X25519 key and checks its hash against the chain, checks signed requests, streams sealed
// `token` events over SSE, submits the result on chain with viem, serves the sealed output),
// and answers every job with the same two tokens. The real daemon lives in worker/.
import type { ServerResponse } from "node:http";
import { createWalletClient, http, keccak256, toHex, type Hash, type Hex, type LocalAccount } from "viem";
import { hardhat } from "viem/chains";
import { computeCommitment } from "@infergrid/sdk/commitment";
import { generateEncryptionKeyPair, open, sealJson, type EncryptionKeyPair, commitRevealSeal } from "@infergrid/sdk";
import { hashFingerprint, type FingerprintData } from "@infergrid/sdk";
import {
  AUTH_HEADER,
  jobInputHash,
  jobInputSchema,
  verifyAuthHeader,
  type AuthPurpose,
  type JobInput,
  type JobOutput,
  type StreamDone,
  type StreamToken,
} from "@infergrid/sdk";
import { serve, type LocalChain, type TinyServer } from "./chain.ts";

export const DOUBLE_TOKENS: readonly StreamToken[] = [
  { index: 0, tokenId: 15496, text: "Hello" },
  { index: 1, tokenId: 11, text: ", world" },
];
export const DOUBLE_TEXT = DOUBLE_TOKENS.map((t) => t.text).join("");

/** How the double misbehaves, for the client's failure paths. */
export type DoubleMode = "honest" | "tampered-output" | "silent";

type Job = {
  id: bigint;
  poster: Hex;
  redundancy: number;
  input: JobInput;
  inputTokens: number;
  output?: JobOutput;
  resultTx?: Hash;
  listeners: Set<ServerResponse>;
  streamed: boolean;
};

export class ProtocolTestWorker {
  readonly account: LocalAccount;
  readonly keys: EncryptionKeyPair = generateEncryptionKeyPair();
  readonly mode: DoubleMode;
  readonly jobs = new Map<bigint, Job>();
  readonly errors: string[] = [];
  #chain: LocalChain;
  #server: TinyServer | undefined;
  #timer: NodeJS.Timeout | undefined;
  #fromBlock = 0n;
  #polling = false;

  constructor(chain: LocalChain, account: LocalAccount, mode: DoubleMode = "honest") {
    this.#chain = chain;
    this.account = account;
    this.mode = mode;
  }

  get url(): string {
    if (!this.#server) throw new Error("start() first");
    return this.#server.url;
  }

  async start(): Promise<this> {
    this.#fromBlock = await this.#chain.publicClient.getBlockNumber();
    this.#server = await serve((req, res) =>
      this.#handle(req.url ?? "", req.headers[AUTH_HEADER] as string | undefined, res),
    );
    this.#timer = setInterval(() => void this.#poll(), 100);
    return this;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    for (const job of this.jobs.values()) for (const l of job.listeners) l.end();
    await this.#server?.close();
  }

  /** Watches JobAssigned for this worker, as the daemon does. */
  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const { publicClient, contracts } = this.#chain;
      const latest = await publicClient.getBlockNumber({ cacheTime: 0 });
      if (latest < this.#fromBlock) return;
      const assigned = await publicClient.getContractEvents({
        ...contracts.JobMarket,
        eventName: "JobAssigned",
        args: { worker: this.account.address },
        fromBlock: this.#fromBlock,
        toBlock: latest,
      });
      for (const log of assigned) {
        const args = log.args as { jobId: bigint; encryptedInput: Hex };
        if (!this.jobs.has(args.jobId)) await this.#accept(args);
      }
      // Only once every job in the range was taken, so a failed read is retried next time.
      this.#fromBlock = latest + 1n;
    } catch (e) {
      this.errors.push(String(e));
    } finally {
      this.#polling = false;
    }
  }

  async #accept(a: { jobId: bigint; encryptedInput: Hex }): Promise<void> {
    const { publicClient, contracts } = this.#chain;
    const [posted] = await publicClient.getContractEvents({
      ...contracts.JobMarket,
      eventName: "JobPosted",
      args: { jobId: a.jobId },
      fromBlock: 0n,
    });
    const args = posted?.args as { poster: Hex; inputHash: Hex; workers: readonly Hex[] } | undefined;
    if (!args) throw new Error(`no JobPosted for job ${a.jobId}`);
    const plaintext = open(this.keys.privateKey, a.encryptedInput);
    if (jobInputHash(plaintext) !== args.inputHash)
      throw new Error(`job ${a.jobId}: input hash differs from the chain`);
    const input = jobInputSchema.parse(JSON.parse(new TextDecoder().decode(plaintext)));
    const prompt = input.prompt ?? JSON.stringify(input.messages);
    const job: Job = {
      id: a.jobId,
      poster: args.poster,
      redundancy: args.workers.length,
      input,
      inputTokens: Math.ceil(new TextEncoder().encode(prompt).length / 4),
      listeners: new Set(),
      streamed: false,
    };
    this.jobs.set(a.jobId, job);
    if (this.mode === "silent") return;
    // Wait briefly for the poster's stream, so the tokens go out before the result is mined.
    setTimeout(() => void this.#run(job), 3_000);
  }

  async #run(job: Job): Promise<void> {
    if (job.streamed || job.output || this.mode === "silent") return;
    job.streamed = true;
    try {
      for (const t of DOUBLE_TOKENS) {
        for (const l of job.listeners) this.#send(l, "token", sealJson(job.input.replyKey, t));
        await new Promise((r) => setTimeout(r, 50));
      }
      const fingerprint: FingerprintData = {
        version: 1,
        topK: 4,
        scale: 1024,
        ids: [15496, 10, 20, 30, 11, 40, 50, 60],
        q: [9000, 8000, 7000, 6000, 9500, 100, 50, -10],
      };
      const outputTokenIds = DOUBLE_TOKENS.map((t) => t.tokenId);
      const commitment = computeCommitment({
        jobId: toHex(job.id, { size: 32 }),
        modelHash: job.input.modelHash,
        outputTokenIds,
        fingerprint: hashFingerprint(fingerprint),
      });
      const outputRef = `${this.url}/jobs/${job.id}/output`;
      const hash =
        job.redundancy === 1
          ? await this.#write("submitResult", [job.id, commitment, outputRef, job.inputTokens, outputTokenIds.length])
          : await this.#commitThenReveal(job, commitment, outputRef, outputTokenIds.length);
      job.resultTx = hash;
      const output: JobOutput = {
        text: DOUBLE_TEXT,
        outputTokenIds: this.mode === "tampered-output" ? [15496, 12] : outputTokenIds,
        fingerprint,
        inputTokens: job.inputTokens,
        outputTokens: outputTokenIds.length,
        finishReason: "length",
        commitment,
      };
      job.output = output;
      const done: StreamDone = { finishReason: "length", outputTokens: outputTokenIds.length };
      for (const l of job.listeners) {
        this.#send(l, "done", sealJson(job.input.replyKey, done));
        l.end();
      }
    } catch (e) {
      this.errors.push(String(e));
    }
  }

  async #write(
    functionName: "submitResult" | "commitResult" | "revealResult",
    args: readonly unknown[],
  ): Promise<Hash> {
    const wallet = createWalletClient({ account: this.account, chain: hardhat, transport: http(this.#chain.rpcUrl) });
    const hash = await wallet.writeContract({
      ...this.#chain.contracts.JobMarket,
      functionName,
      args: args as never,
      // Whoever delivers last also settles the job (agreement, challenge window, audit request),
      // so an estimate taken before another worker's reveal was mined can run out of gas.
      gas: 1_500_000n,
    });
    const receipt = await this.#chain.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} ${hash} reverted`);
    return hash;
  }

  /** R > 1: seal the commitment, wait until every worker has committed, then open the seal. */
  async #commitThenReveal(job: Job, commitment: Hex, outputRef: string, outputTokens: number): Promise<Hash> {
    const salt = keccak256(toHex(`salt:${this.account.address}:${job.id}`));
    await this.#write("commitResult", [job.id, commitRevealSeal(commitment, this.account.address, salt)]);
    for (;;) {
      const j = await this.#chain.publicClient.readContract({
        ...this.#chain.contracts.JobMarket,
        functionName: "job",
        args: [job.id],
      });
      if (j.committed + j.declined >= j.redundancy) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.#write("revealResult", [job.id, commitment, salt, outputRef, job.inputTokens, outputTokens]);
  }

  #send(res: ServerResponse, event: string, data: string): void {
    res.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  async #authorize(header: string | undefined, purpose: AuthPurpose, job: Job, res: ServerResponse): Promise<boolean> {
    try {
      const signer = await verifyAuthHeader(header, {
        purpose,
        chainId: this.#chain.publicClient.chain?.id ?? 31337,
        jobId: job.id,
      });
      if (signer.toLowerCase() !== job.poster.toLowerCase()) throw new Error(`${signer} is not the poster`);
      return true;
    } catch (e) {
      res.writeHead(401, { "content-type": "text/plain" }).end(String(e));
      return false;
    }
  }

  async #handle(url: string, auth: string | undefined, res: ServerResponse): Promise<void> {
    if (url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          status: "ok",
          address: this.account.address,
          chainId: 31337,
          models: [],
          activeJobs: 0,
          capacity: 4,
          lastProcessedBlock: "0",
          chainLagBlocks: 0,
        }),
      );
      return;
    }
    const m = /^\/jobs\/(\d+)\/(stream|output)$/.exec(url);
    const job = m ? this.jobs.get(BigInt(m[1]!)) : undefined;
    if (!m || !job) {
      res.writeHead(404, { "content-type": "text/plain" }).end("unknown job");
      return;
    }
    if (m[2] === "output") {
      if (!(await this.#authorize(auth, "output", job, res))) return;
      if (!job.output) {
        res.writeHead(404, { "content-type": "text/plain" }).end("no result yet");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ output: sealJson(job.input.replyKey, job.output) }));
      return;
    }
    if (!(await this.#authorize(auth, "stream", job, res))) return;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(": stream open\n\n");
    if (job.output) {
      // Late subscriber: replay what was generated, then done.
      for (const t of DOUBLE_TOKENS) this.#send(res, "token", sealJson(job.input.replyKey, t));
      this.#send(
        res,
        "done",
        sealJson(job.input.replyKey, { finishReason: "length", outputTokens: DOUBLE_TOKENS.length }),
      );
      res.end();
      return;
    }
    job.listeners.add(res);
    res.on("close", () => job.listeners.delete(res));
    void this.#run(job);
  }
}
