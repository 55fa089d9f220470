import { randomBytes } from "node:crypto";
import {
  bytesToHex,
  encodeAbiParameters,
  keccak256,
  parseEventLogs,
  toHex,
  type Address,
  type Hex,
  type Log,
} from "viem";
import type { Logger } from "pino";
import {
  computeCommitment,
  deriveEncryptionKeyPair,
  hashFingerprint,
  jobInputHash,
  jobInputSchema,
  jobMarketAbi,
  modelRegistryAbi,
  open,
  protocolConfigAbi,
  readDeployment,
  sealJson,
  gridTokenAbi,
  workerRegistryAbi,
  verificationCourtAbi,
  type Deployment,
  type FingerprintData,
  type JobInput,
  type JobOutput,
} from "@infergrid/sdk";
import { generate, loadModel, type Model } from "@infergrid/engine";
import { isZkModelDir, loadZkModel, parseZkJobInput, runZkJob, type ZkModel } from "../zk/model.ts";
import { connect, revertName, type Chainlink } from "./chain.ts";
import { loadPrivateKey, type WorkerConfig } from "./config.ts";
import { ChainClock, runLoop, scanConfirmed } from "./loop.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { StateStore, loadState, type JobRecord } from "./state.ts";
import { JobStreams, startServer, type ServerHandle, type WorkerServerHost } from "./server.ts";

/** JobMarket.JobStatus and WorkStatus, as numbers on the wire. */
export const JobStatus = { None: 0, Open: 1, Challenge: 2, Disputed: 3, Finalized: 4, Refunded: 5, Audit: 6 } as const;
export const WorkStatus = { Assigned: 0, Declined: 1, Committed: 2, Delivered: 3, TimedOut: 4 } as const;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export type ServedModel = {
  modelId: bigint;
  model: Model;
  name: string;
  pricePerInputToken: bigint;
  pricePerOutputToken: bigint;
};

/** A zero-knowledge model (worker/src/zk/model.ts): its jobs are proven and finalize at once. */
export type ServedZkModel = {
  modelId: bigint;
  model: ZkModel;
  name: string;
  pricePerInputToken: bigint;
  pricePerOutputToken: bigint;
};

export type RunningWorker = {
  address: Address;
  url: string;
  stop: () => Promise<void>;
};

/** A job's input as decrypted and checked. */
type OpenedInput = { input: JobInput; bytes: Uint8Array };

export class WorkerDaemon {
  readonly config: WorkerConfig;
  readonly log: Logger;
  readonly metrics: Metrics = createMetrics("worker");
  readonly streams = new JobStreams();
  chain!: Chainlink;
  deployment!: Deployment;
  store!: StateStore;
  models = new Map<string, ServedModel>();
  zkModels = new Map<string, ServedZkModel>();
  encryption!: { privateKey: Hex; publicKey: Hex };
  private running = new Set<string>();
  private stopping = false;
  private loop?: Promise<void>;
  private server?: ServerHandle;
  private abort = new AbortController();
  headBlock = 0n;

  constructor(config: WorkerConfig, log: Logger) {
    this.config = config;
    this.log = log;
  }

  get address(): Address {
    return this.chain.account.address;
  }

  async start(): Promise<RunningWorker> {
    const key = await loadPrivateKey(this.config.key);
    this.chain = await connect(this.config.rpcUrl, key, this.log, Math.min(this.config.pollIntervalMs, 200));
    // The X25519 key is derived from the wallet key, so the operator manages one secret.
    this.encryption = deriveEncryptionKeyPair(key);
    this.deployment = readDeployment(this.chain.chain.id, this.config.deploymentsDir, this.config.deploymentId);
    this.log.info({ address: this.address, chainId: this.chain.chain.id, rpc: this.config.rpcUrl }, "worker starting");
    await this.loadModels();
    await this.ensureRegistered();
    this.store = new StateStore(this.config.stateFile, await loadState(this.config.stateFile, this.config.startBlock));
    this.server = await startServer(this.serverHost(), this.config.listen.host, this.config.listen.port);
    this.log.info({ url: this.server.url, endpoint: this.config.endpoint }, "serving");
    this.loop = this.run();
    return { address: this.address, url: this.server.url, stop: () => this.stop() };
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    await this.server?.close();
    await this.store?.save();
    this.log.info("worker stopped");
  }

  // ------------------------------------------------------------------ setup

  private async loadModels() {
    const { publicClient } = this.chain;
    for (const entry of this.config.models) {
      if (await isZkModelDir(entry.dir)) {
        await this.loadZkModel(entry);
        continue;
      }
      if (this.config.testing.nullEngine) this.log.warn("testing.nullEngine is set: outputs are fixed, not inferred");
      const model = await loadModel(entry.dir, {
        provider: this.config.provider,
        intraOpNumThreads: this.config.threads,
      });
      const modelId = await publicClient.readContract({
        address: this.deployment.ModelRegistry,
        abi: modelRegistryAbi,
        functionName: "modelIdByManifest",
        args: [model.modelHash],
      });
      if (modelId === 0n) {
        throw new Error(
          `model ${entry.dir} (manifest hash ${model.modelHash}) is not registered on chain ${this.chain.chain.id}; ` +
            `register it first: infergrid model register ${entry.dir}`,
        );
      }
      this.models.set(modelId.toString(), {
        modelId,
        model,
        name: model.manifest.name,
        pricePerInputToken: entry.pricePerInputToken,
        pricePerOutputToken: entry.pricePerOutputToken,
      });
      this.log.info({ modelId: modelId.toString(), name: model.manifest.name, hash: model.modelHash }, "model loaded");
    }
  }

  private async loadZkModel(entry: WorkerConfig["models"][number]) {
    const model = await loadZkModel(entry.dir);
    const modelId = await this.chain.publicClient.readContract({
      address: this.deployment.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: "modelIdByManifest",
      args: [model.modelHash],
    });
    if (modelId === 0n)
      throw new Error(
        `zk model ${entry.dir} (manifest hash ${model.modelHash}) is not registered on chain ${this.chain.chain.id}`,
      );
    const { pricePerInputToken, pricePerOutputToken } = entry;
    this.zkModels.set(modelId.toString(), {
      modelId,
      model,
      name: model.manifest.name,
      pricePerInputToken,
      pricePerOutputToken,
    });
    this.log.info({ modelId: modelId.toString(), name: model.manifest.name, hash: model.modelHash }, "zk model loaded");
  }

  /** Registers, stakes and prices on first start; afterwards only brings the chain in line with the config. */
  private async ensureRegistered() {
    const { publicClient, send } = this.chain;
    const d = this.deployment;
    const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
      publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;
    type W = {
      stake: bigint;
      registered: boolean;
      paused: boolean;
      capacity: number;
      minJobDuration: number;
      region: number;
    };
    const w = await read<W>(d.WorkerRegistry, workerRegistryAbi, "worker", [this.address]);
    const minStake = (await read<{ minWorkerStake: bigint }>(d.ProtocolConfig, protocolConfigAbi, "params"))
      .minWorkerStake;
    const target = this.config.stake > minStake ? this.config.stake : minStake;
    if (w.stake < target) {
      const amount = target - w.stake;
      this.log.info(
        { amount: amount.toString() },
        `staking ${amount} GRID wei (target ${target}, minimum ${minStake})`,
      );
      await send(
        { address: d.GridToken, abi: gridTokenAbi, functionName: "approve", args: [d.WorkerRegistry, amount] },
        "approve stake",
      );
      await send({ address: d.WorkerRegistry, abi: workerRegistryAbi, functionName: "stake", args: [amount] }, "stake");
    }
    const profile = {
      endpoint: this.config.endpoint,
      encryptionKey: this.encryption.publicKey,
      region: this.config.region,
      capacity: this.config.capacity,
      minJobDuration: this.config.minJobDuration,
    };
    if (!w.registered) {
      this.log.info(profile, "registering as a worker");
      await send(
        { address: d.WorkerRegistry, abi: workerRegistryAbi, functionName: "register", args: [profile] },
        "register",
      );
    } else {
      const current = await read<typeof profile>(d.WorkerRegistry, workerRegistryAbi, "profile", [this.address]);
      if (
        current.endpoint !== profile.endpoint ||
        current.encryptionKey.toLowerCase() !== profile.encryptionKey.toLowerCase() ||
        current.capacity !== profile.capacity ||
        current.minJobDuration !== profile.minJobDuration ||
        current.region !== profile.region
      ) {
        this.log.info(profile, "updating the on-chain profile to match the config");
        await send(
          { address: d.WorkerRegistry, abi: workerRegistryAbi, functionName: "updateProfile", args: [profile] },
          "updateProfile",
        );
      }
      if (w.paused) {
        this.log.info("resuming: the worker was paused");
        await send(
          { address: d.WorkerRegistry, abi: workerRegistryAbi, functionName: "setPaused", args: [false] },
          "setPaused",
        );
      }
    }
    for (const m of [...this.models.values(), ...this.zkModels.values()]) {
      const p = await read<{ pricePerInputToken: bigint; pricePerOutputToken: bigint; served: boolean }>(
        d.WorkerRegistry,
        workerRegistryAbi,
        "modelPrice",
        [this.address, m.modelId],
      );
      if (
        !p.served ||
        p.pricePerInputToken !== m.pricePerInputToken ||
        p.pricePerOutputToken !== m.pricePerOutputToken
      ) {
        this.log.info(
          { modelId: m.modelId.toString(), in: m.pricePerInputToken.toString(), out: m.pricePerOutputToken.toString() },
          "setting prices",
        );
        await send(
          {
            address: d.WorkerRegistry,
            abi: workerRegistryAbi,
            functionName: "setModelPrice",
            args: [m.modelId, m.pricePerInputToken, m.pricePerOutputToken],
          },
          "setModelPrice",
        );
      }
    }
  }

  // ------------------------------------------------------------------ main loop

  private run() {
    return runLoop({
      intervalMs: this.config.pollIntervalMs,
      stopped: () => this.stopping,
      log: this.log,
      step: async () => {
        await this.poll();
        await this.tick();
      },
    });
  }

  /** Reads new JobAssigned logs for this worker, confirmed, from the last processed block on. */
  private async poll() {
    const { publicClient } = this.chain;
    this.headBlock = await scanConfirmed({
      publicClient,
      store: this.store,
      confirmations: this.config.confirmations,
      metrics: this.metrics,
      stopped: () => this.stopping,
      onRange: async (from, end) => {
        const logs = await publicClient.getContractEvents({
          address: this.deployment.JobMarket,
          abi: jobMarketAbi,
          eventName: "JobAssigned",
          args: { worker: this.address },
          fromBlock: from,
          toBlock: end,
          strict: true,
        });
        // One query for the JobPosted events of every new assignment in the range.
        const fresh = logs.filter((l) => !this.store.state.jobs[l.args.jobId.toString()]);
        const posted = fresh.length
          ? await publicClient.getContractEvents({
              address: this.deployment.JobMarket,
              abi: jobMarketAbi,
              eventName: "JobPosted",
              args: { jobId: fresh.map((l) => l.args.jobId) },
              fromBlock: from,
              toBlock: end,
              strict: true,
            })
          : [];
        for (const log of fresh) {
          const p = posted.find((e) => e.args.jobId === log.args.jobId);
          if (p) await this.onAssigned(log, p);
        }
      },
    });
  }

  private async onAssigned(
    log: Log<bigint, number, false, undefined, true, typeof jobMarketAbi, "JobAssigned">,
    posted: Log<bigint, number, false, undefined, true, typeof jobMarketAbi, "JobPosted">,
  ) {
    const { jobId, encryptedInput } = log.args;
    const key = jobId.toString();
    if (this.store.state.jobs[key]) return; // already seen: never act twice on one assignment
    const p = posted.args;
    const record: JobRecord = {
      phase: "accepted",
      modelId: p.modelId.toString(),
      redundancy: p.workers.length,
      deadline: p.deadline,
      sealedInput: encryptedInput,
      inputHash: p.inputHash,
      poster: p.poster,
      maxInputTokens: p.maxInputTokens,
      maxOutputTokens: p.maxOutputTokens,
      txs: [],
      updatedAt: Date.now(),
    };
    this.store.state.jobs[key] = record;
    this.log.info({ jobId: key, modelId: record.modelId, redundancy: record.redundancy }, "job assigned");
    const reason = this.cannotServe(record);
    if (reason) return this.decline(jobId, record, reason);
    this.metrics.jobs.inc({ outcome: "accepted" });
    await this.store.save();
    void this.execute(jobId, posted.blockNumber);
  }

  /** Why this worker cannot take the job, or null. */
  private cannotServe(record: JobRecord): string | null {
    const zk = this.zkModels.has(record.modelId);
    if (!this.models.has(record.modelId) && !zk) return `model ${record.modelId} is not served here`;
    if (zk && record.redundancy !== 1) return `zk model ${record.modelId} takes proofs for R = 1 jobs only`;
    const active = Object.values(this.store.state.jobs).filter((j) => j.phase === "accepted").length;
    if (active > this.config.capacity)
      return `over capacity (${active - 1} jobs running, capacity ${this.config.capacity})`;
    try {
      if (zk) this.openZkInput(record);
      else this.openInput(record);
    } catch (e) {
      return (e as Error).message;
    }
    return null;
  }

  /** Decrypts the job input and checks it against the hash committed on chain. */
  openInput(record: JobRecord): OpenedInput {
    if (record.sealedInput === "0x") throw new Error("no inline input (input URIs are not supported by this worker)");
    const bytes = open(this.encryption.privateKey, record.sealedInput);
    const hash = jobInputHash(bytes);
    if (hash !== record.inputHash)
      throw new Error(`input hash ${hash} does not match the committed ${record.inputHash}`);
    const parsed = jobInputSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.success) throw new Error(`malformed job input: ${parsed.error.message}`);
    const served = this.models.get(record.modelId);
    if (served && parsed.data.modelHash.toLowerCase() !== served.model.modelHash.toLowerCase()) {
      throw new Error(`input is for model hash ${parsed.data.modelHash}, the job's model is ${served.model.modelHash}`);
    }
    return { input: parsed.data, bytes };
  }

  /** Decrypts a zk job's input; runZkJob checks it against the Poseidon commitment on chain. */
  openZkInput(record: JobRecord) {
    if (record.sealedInput === "0x") throw new Error("no inline input (input URIs are not supported by this worker)");
    return parseZkJobInput(open(this.encryption.privateKey, record.sealedInput));
  }

  /** Proves the zk model's output on the committed input and submits it with the proof. */
  private async proveAndSubmit(jobId: bigint, record: JobRecord, postBlock?: bigint) {
    const key = jobId.toString();
    const served = this.zkModels.get(record.modelId)!;
    const r = await runZkJob(served.model, jobId, record.inputHash, this.openZkInput(record));
    this.metrics.engineLatency.observe(r.proveMs / 1000);
    const tx = await this.chain.send(
      {
        address: this.deployment.JobMarket,
        abi: jobMarketAbi,
        functionName: "submitResultWithProof",
        args: [jobId, BigInt(r.output), r.proof, `${served.model.labels[r.output]}`, r.inputTokens, r.outputTokens],
      },
      `submitResultWithProof ${key}`,
    );
    record.txs.push(tx.transactionHash);
    void this.observeEndToEnd(postBlock, tx.blockNumber);
    this.metrics.jobs.inc({ outcome: "delivered" });
    this.log.info(
      { jobId: key, output: r.output, label: r.label, proveMs: Math.round(r.proveMs), tx: tx.transactionHash },
      "result proven and finalized",
    );
    return this.finish(key, record, "delivered");
  }

  private async decline(jobId: bigint, record: JobRecord, reason: string) {
    this.log.warn({ jobId: jobId.toString(), reason }, "declining job");
    try {
      const r = await this.chain.send(
        { address: this.deployment.JobMarket, abi: jobMarketAbi, functionName: "decline", args: [jobId] },
        `decline ${jobId}`,
      );
      record.txs.push(r.transactionHash);
      this.metrics.jobs.inc({ outcome: "declined" });
      await this.finish(jobId.toString(), record, "declined", reason);
    } catch (e) {
      await this.finish(
        jobId.toString(),
        record,
        "failed",
        `${reason}; decline failed: ${(e as Error).message.split("\n")[0]}`,
      );
    }
  }

  private async finish(_key: string, record: JobRecord, phase: JobRecord["phase"], reason?: string) {
    record.phase = phase;
    if (reason) record.reason = reason;
    record.updatedAt = Date.now();
    await this.store.save();
  }

  // ------------------------------------------------------------------ inference and results

  /** Runs the engine and puts the result on chain. Safe to call again after a crash. */
  private async execute(jobId: bigint, postBlock?: bigint) {
    const key = jobId.toString();
    if (this.running.has(key) || this.stopping) return;
    this.running.add(key);
    const record = this.store.state.jobs[key]!;
    try {
      const onChain = await this.readAssignment(jobId);
      if (onChain !== WorkStatus.Assigned) {
        // A previous run already acted (or the job timed out): never submit twice.
        return this.finish(
          key,
          record,
          onChain === WorkStatus.Delivered ? "delivered" : onChain === WorkStatus.Committed ? "committed" : "done",
        );
      }
      if (Date.now() / 1000 > record.deadline)
        return this.finish(key, record, "done", "deadline passed before the result was ready");
      if (this.zkModels.has(record.modelId)) return await this.proveAndSubmit(jobId, record, postBlock);
      const output = record.output ?? (await this.infer(jobId, record));
      record.output = output;
      await this.store.save();
      await this.submit(jobId, record, output, postBlock);
    } catch (e) {
      record.attempts = (record.attempts ?? 0) + 1;
      this.log.error({ jobId: key, attempt: record.attempts, err: (e as Error).message }, "job failed");
      this.metrics.jobs.inc({ outcome: "error" });
      this.streams.fail(key, (e as Error).message);
      // A revert is final; anything else (RPC trouble) gets a few more tries.
      if (revertName(e) || record.attempts >= 3) await this.finish(key, record, "failed", (e as Error).message);
    } finally {
      this.running.delete(key);
    }
  }

  private async infer(jobId: bigint, record: JobRecord): Promise<JobOutput> {
    const served = this.models.get(record.modelId)!;
    const { input } = this.openInput(record);
    const jobHex = toHex(jobId, { size: 32 });
    const stream = this.streams.open(jobId.toString(), input.replyKey);
    const started = performance.now();
    if (this.config.testing.nullEngine) return this.nullOutput(jobHex, served, stream);
    const job =
      record.maxOutputTokens !== undefined
        ? { maxOutputTokens: record.maxOutputTokens, maxInputTokens: record.maxInputTokens! }
        : await this.readJob(jobId);
    const delay = this.config.testing.tokenDelayMs;
    const result = await generate(served.model, {
      jobId: jobHex,
      prompt: input.prompt ?? { messages: input.messages! },
      maxTokens: Math.min(input.sampling.maxTokens, job.maxOutputTokens),
      stop: input.sampling.stop ?? [],
      temperature: input.sampling.temperature ?? 0,
      topP: input.sampling.topP ?? 1,
      topK: input.sampling.topK ?? 0,
      signal: this.abort.signal,
      onToken: (t) => {
        stream.push({ index: t.index, tokenId: t.id, text: t.text });
        return delay > 0 ? sleep(delay) : undefined;
      },
    });
    this.metrics.engineLatency.observe((performance.now() - started) / 1000);
    this.metrics.tokens.inc({ kind: "input" }, result.inputTokens);
    this.metrics.tokens.inc({ kind: "output" }, result.outputTokens);
    if (result.inputTokens > job.maxInputTokens) {
      throw new Error(`prompt has ${result.inputTokens} tokens, the job allows ${job.maxInputTokens}`);
    }
    const outputIds = [...result.outputIds];
    let commitment = result.commitment;
    if (this.config.testing.perturbOutput && outputIds.length > 0) {
      // Test-only cheater: a different last token under the honest fingerprint.
      outputIds[outputIds.length - 1] = (outputIds[outputIds.length - 1]! + 1) % served.model.config.vocabSize;
      commitment = computeCommitment({
        jobId: jobHex,
        modelHash: served.model.modelHash,
        outputTokenIds: outputIds,
        fingerprint: result.fingerprintHash,
      });
    }
    const output: JobOutput = {
      // The engine's text stops before a stop sequence; only the test-only cheater re-decodes its altered ids.
      text: this.config.testing.perturbOutput ? served.model.tokenizer.decode(outputIds) : result.text,
      outputTokenIds: outputIds,
      fingerprint: result.fingerprint,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      finishReason: result.finishReason,
      commitment,
    };
    stream.done({ finishReason: result.finishReason, outputTokens: result.outputTokens });
    return output;
  }

  /** The benchmark's engine: three fixed tokens, a valid fingerprint, no model run. */
  private nullOutput(jobHex: Hex, served: ServedModel, stream: ReturnType<JobStreams["open"]>): JobOutput {
    const fingerprint: FingerprintData = {
      version: 1,
      topK: 4,
      scale: 1024,
      ids: Array(12)
        .fill(0)
        .map((_, i) => i),
      q: Array(12).fill(0),
    };
    const outputTokenIds = [1, 2, 3];
    for (const [index, id] of outputTokenIds.entries()) stream.push({ index, tokenId: id, text: "" });
    stream.done({ finishReason: "length", outputTokens: 3 });
    const commitment = computeCommitment({
      jobId: jobHex,
      modelHash: served.model.modelHash,
      outputTokenIds,
      fingerprint: hashFingerprint(fingerprint),
    });
    return {
      text: "",
      outputTokenIds,
      fingerprint,
      inputTokens: 1,
      outputTokens: 3,
      finishReason: "length",
      commitment,
    };
  }

  private async submit(jobId: bigint, record: JobRecord, output: JobOutput, postBlock?: bigint) {
    const key = jobId.toString();
    const outputRef = `${this.config.endpoint.replace(/\/$/, "")}/jobs/${key}/output`;
    const d = this.deployment;
    if (record.redundancy === 1) {
      const r = await this.chain.send(
        {
          address: d.JobMarket,
          abi: jobMarketAbi,
          functionName: "submitResult",
          args: [jobId, output.commitment, outputRef, output.inputTokens, output.outputTokens],
        },
        `submitResult ${key}`,
      );
      record.txs.push(r.transactionHash);
      this.noteChallenge(record, r.logs);
      void this.observeEndToEnd(postBlock, r.blockNumber);
      this.metrics.jobs.inc({ outcome: "delivered" });
      this.log.info({ jobId: key, commitment: output.commitment, tx: r.transactionHash }, "result submitted");
      return this.finish(key, record, "delivered");
    }
    // R > 1: seal now, reveal once nobody can still commit; the salt survives a crash in the state file.
    record.salt ??= bytesToHex(randomBytes(32));
    await this.store.save();
    const sealed = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "address" }, { type: "bytes32" }],
        [output.commitment, this.address, record.salt],
      ),
    );
    const r = await this.chain.send(
      { address: d.JobMarket, abi: jobMarketAbi, functionName: "commitResult", args: [jobId, sealed] },
      `commitResult ${key}`,
    );
    record.txs.push(r.transactionHash);
    this.log.info({ jobId: key, tx: r.transactionHash }, "result committed");
    await this.finish(key, record, "committed");
  }

  private async reveal(jobId: bigint, record: JobRecord) {
    const output = record.output!;
    const key = jobId.toString();
    const outputRef = `${this.config.endpoint.replace(/\/$/, "")}/jobs/${key}/output`;
    const r = await this.chain.send(
      {
        address: this.deployment.JobMarket,
        abi: jobMarketAbi,
        functionName: "revealResult",
        args: [jobId, output.commitment, record.salt!, outputRef, output.inputTokens, output.outputTokens],
      },
      `revealResult ${key}`,
    );
    record.txs.push(r.transactionHash);
    this.noteChallenge(record, r.logs);
    this.metrics.jobs.inc({ outcome: "delivered" });
    this.log.info({ jobId: key, tx: r.transactionHash }, "result revealed");
    await this.finish(key, record, "delivered");
  }

  /** Remembers when the challenge window ends, so the job needs no polling until then. */
  private noteChallenge(record: JobRecord, logs: readonly Log[]) {
    const [started] = parseEventLogs({ abi: jobMarketAbi, logs: logs as Log[], eventName: "ChallengeStarted" });
    if (started) record.challengeEndsAt = started.args.endsAt;
  }

  private async observeEndToEnd(postBlock: bigint | undefined, resultBlock: bigint) {
    if (postBlock === undefined) return;
    try {
      const { publicClient } = this.chain;
      const [a, b] = await Promise.all([
        publicClient.getBlock({ blockNumber: postBlock }),
        publicClient.getBlock({ blockNumber: resultBlock }),
      ]);
      this.metrics.endToEndLatency.observe(Number(b.timestamp - a.timestamp));
    } catch {
      // A metric is not worth failing a job over.
    }
  }

  /** When each waiting job may next be read from chain (ms), so the loop stays cheap with many jobs. */
  private nextCheck = new Map<string, number>();

  /** Moves every unfinished job forward: resume, reveal, finalize, or notice it ended. */
  private async tick() {
    let now: bigint | undefined;
    for (const [key, record] of Object.entries(this.store.state.jobs)) {
      if (this.stopping) return;
      if (record.phase === "done" || record.phase === "declined" || record.phase === "failed") continue;
      const jobId = BigInt(key);
      if (record.phase === "accepted") {
        if (!this.running.has(key)) void this.execute(jobId);
        continue;
      }
      now ??= await this.chainNow();
      // A known challenge window needs no reads until it ends; anything else is read at most every second.
      if (record.challengeEndsAt !== undefined && now < BigInt(record.challengeEndsAt)) continue;
      if ((this.nextCheck.get(key) ?? 0) > Date.now()) continue;
      this.nextCheck.set(key, Date.now() + 1_000);
      const job = await this.readJob(jobId);
      if (job.status === JobStatus.Finalized || job.status === JobStatus.Refunded) {
        this.metrics.jobs.inc({ outcome: job.status === JobStatus.Finalized ? "finalized" : "refunded" });
        this.nextCheck.delete(key);
        await this.finish(key, record, "done");
        continue;
      }
      try {
        if (record.phase === "committed" && job.status === JobStatus.Open) {
          if (job.committed + job.declined >= job.redundancy || now > BigInt(job.deadline))
            await this.reveal(jobId, record);
        } else if (job.status === JobStatus.Challenge && now >= BigInt(job.challengeEndsAt)) {
          // Workers finalize their own jobs: that is how they get paid (and how audits get drawn).
          const r = await this.chain.send(
            { address: this.deployment.JobMarket, abi: jobMarketAbi, functionName: "finalize", args: [jobId] },
            `finalize ${key}`,
          );
          record.txs.push(r.transactionHash);
          this.nextCheck.delete(key);
        } else if (job.status === JobStatus.Challenge) {
          record.challengeEndsAt = job.challengeEndsAt;
        }
      } catch (e) {
        const name = revertName(e) ?? "";
        // Another worker finalized first, or the audit seed is not mined yet: try on the next check.
        if (!["JobNotInChallenge", "RandomnessNotReady", "ChallengeWindowOpen", "RevealNotOpen"].includes(name)) {
          this.log.warn({ jobId: key, err: (e as Error).message.split("\n")[0] }, "job step failed");
        }
      }
    }
  }

  private clock?: ChainClock;

  chainNow(): Promise<bigint> {
    this.clock ??= new ChainClock(this.chain.publicClient);
    return this.clock.now();
  }

  async readJob(jobId: bigint) {
    return this.chain.publicClient.readContract({
      address: this.deployment.JobMarket,
      abi: jobMarketAbi,
      functionName: "job",
      args: [jobId],
    });
  }

  private async readAssignment(jobId: bigint): Promise<number> {
    const list = await this.chain.publicClient.readContract({
      address: this.deployment.JobMarket,
      abi: jobMarketAbi,
      functionName: "assignments",
      args: [jobId],
    });
    const mine = list.find((a) => a.worker.toLowerCase() === this.address.toLowerCase());
    return mine?.status ?? WorkStatus.TimedOut;
  }

  /** The sealed output for the poster (or null while there is none). */
  /** The narrow view of this daemon that its HTTP server gets. */
  private serverHost(): WorkerServerHost {
    return {
      address: this.address,
      capacity: this.config.capacity,
      log: this.log,
      metrics: this.metrics,
      streams: this.streams,
      chainId: () => this.chain.chain.id,
      state: () => this.store.state,
      headBlock: () => this.headBlock,
      servedModels: () =>
        [...this.models.values(), ...this.zkModels.values()].map((m) => ({
          modelId: m.modelId,
          modelHash: m.model.modelHash,
          name: m.name,
        })),
      sealedOutputFor: (jobId) => this.sealedOutputFor(jobId),
      inputBytes: (record) => this.openInput(record).bytes,
      drawnValidators: async (jobId) => {
        const ballots = await this.chain.publicClient.readContract({
          address: this.deployment.VerificationCourt,
          abi: verificationCourtAbi,
          functionName: "ballots",
          args: [jobId],
        });
        return ballots.map((b) => b.validator);
      },
    };
  }

  sealedOutputFor(key: string): Hex | null {
    const record = this.store.state.jobs[key];
    if (!record?.output) return null;
    return sealJson(this.openInput(record).input.replyKey, record.output);
  }
}
