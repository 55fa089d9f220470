import { randomBytes } from "node:crypto";
import { bytesToHex, keccak256, toHex, toBytes, type Address, type Hex } from "viem";
import type { Logger } from "pino";
import {
  AUTH_HEADER,
  authMessage,
  CaseStatus,
  commitRevealSeal,
  computeCommitment,
  deriveEncryptionKeyPair,
  encodeAuthHeader,
  getContractConfigs,
  hashFingerprint,
  jobInputHash,
  jobInputSchema,
  open,
  openJson,
  readDeployment,
  resolveSampling,
  WorkStatus,
  workerRoutes,
  type InferGridContractConfigs,
  type JobInput,
  type JobOutput,
  type ValidatorBundle,
} from "@infergrid/sdk";
import { generate, loadModel, verify, type Model } from "@infergrid/engine";
import { connect, revertName, type Chainlink } from "../daemon/chain.ts";
import { loadPrivateKey, type ValidatorConfig } from "../daemon/config.ts";
import { ChainClock, runLoop, scanConfirmed } from "../daemon/loop.ts";
import { createMetrics } from "../daemon/metrics.ts";
import { registeredModelId } from "../daemon/models.ts";
import { stakeUpTo } from "../daemon/registration.ts";
import { StateStore, loadState } from "../daemon/state.ts";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

/** The verdict of a validator that could obtain no input: it sides with no worker. */
export const NO_VERDICT = keccak256(toBytes("infergrid/verdict/none"));

/**
 * Validator mode: stakes, watches the court, judges the cases it is drawn for with the engine's
 * one-pass verification (or its own run when no claim verifies), commits and reveals its
 * vote in time, and keeps cases moving (draws validators once randomness is ready, resolves).
 */
export class ValidatorDaemon {
  readonly config: ValidatorConfig;
  readonly log: Logger;
  readonly metrics = createMetrics("validator");
  chain!: Chainlink;
  contracts!: InferGridContractConfigs;
  store!: StateStore;
  models = new Map<string, Model>();
  encryption!: { privateKey: Hex; publicKey: Hex };
  private pendingDraws = new Set<string>();
  private judging = new Set<string>();
  private stopping = false;
  private loop?: Promise<void>;
  private closeServer?: () => Promise<void>;

  constructor(config: ValidatorConfig, log: Logger) {
    this.config = config;
    this.log = log;
  }

  get address(): Address {
    return this.chain.account.address;
  }

  async start() {
    const key = await loadPrivateKey(this.config.key);
    this.chain = await connect(this.config.rpcUrl, key, this.log, Math.min(this.config.pollIntervalMs, 200));
    this.encryption = deriveEncryptionKeyPair(key);
    const deployment = readDeployment(this.chain.chain.id, this.config.deploymentsDir, this.config.deploymentId);
    this.contracts = getContractConfigs(deployment);
    for (const m of this.config.models) {
      const model = await loadModel(m.dir, { provider: this.config.provider, intraOpNumThreads: this.config.threads });
      const id = await registeredModelId(this.chain, deployment, { dir: m.dir, modelHash: model.modelHash });
      this.models.set(id.toString(), model);
    }
    await stakeUpTo({
      chain: this.chain,
      contracts: this.contracts,
      registry: "ValidatorRegistry",
      address: this.address,
      target: this.config.stake,
      log: this.log,
    });
    this.store = new StateStore(this.config.stateFile, await loadState(this.config.stateFile, this.config.startBlock));
    const url = await this.serveHealth();
    this.log.info({ address: this.address, url }, "validator started");
    this.loop = this.run();
    return { address: this.address, url, stop: () => this.stop() };
  }

  async stop() {
    if (this.stopping) return;
    this.stopping = true;
    await this.loop?.catch(() => undefined);
    await this.closeServer?.();
    await this.store?.save();
    this.log.info("validator stopped");
  }

  private async serveHealth(): Promise<string> {
    const app = new Hono();
    app.get("/health", (c) =>
      c.json({
        status: "ok",
        address: this.address,
        role: "validator",
        lastProcessedBlock: this.store.state.lastProcessedBlock,
        openVotes: Object.values(this.store.state.votes).filter((v) => v.phase !== "resolved").length,
      }),
    );
    app.get("/metrics", async (c) => {
      c.header("content-type", this.metrics.registry.contentType);
      return c.body(await this.metrics.registry.metrics());
    });
    return new Promise((resolve) => {
      const server = serve(
        { fetch: app.fetch, hostname: this.config.listen.host, port: this.config.listen.port },
        (info) => {
          this.closeServer = () => new Promise<void>((r) => server.close(() => r()));
          resolve(`http://${this.config.listen.host}:${info.port}`);
        },
      );
    });
  }

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

  private async poll() {
    const { publicClient } = this.chain;
    await scanConfirmed({
      publicClient,
      store: this.store,
      confirmations: this.config.confirmations,
      metrics: this.metrics,
      stopped: () => this.stopping,
      onRange: async (from, end) => {
        const logs = await publicClient.getContractEvents({
          ...this.contracts.VerificationCourt,
          fromBlock: from,
          toBlock: end,
        });
        for (const log of logs) {
          if (
            log.eventName === "CaseOpened" ||
            log.eventName === "CaseRedrawn" ||
            log.eventName === "RandomnessExpired"
          ) {
            this.pendingDraws.add(log.args.jobId!.toString());
          } else if (log.eventName === "ValidatorsDrawn") {
            const { jobId, round, validators } = log.args;
            this.pendingDraws.delete(jobId!.toString());
            if (validators!.some((v) => v.toLowerCase() === this.address.toLowerCase())) {
              const key = `${jobId}:${round}`;
              if (!this.store.state.votes[key] && !this.judging.has(key)) void this.judge(jobId!, round!);
            }
          }
        }
      },
    });
  }

  /** Works out the verdict for a case and commits it. */
  private async judge(jobId: bigint, round: number) {
    const key = `${jobId}:${round}`;
    this.judging.add(key);
    try {
      const verdict = await this.verdictFor(jobId);
      const salt = bytesToHex(randomBytes(32));
      // Salt first: a crash after the commit must still be able to reveal.
      this.store.state.votes[key] = { verdict, salt, phase: "committed" };
      await this.store.save();
      await this.chain.send(
        {
          ...this.contracts.VerificationCourt,
          functionName: "commitVote",
          args: [jobId, commitRevealSeal(verdict, this.address, salt)],
        },
        `commitVote ${jobId}`,
      );
      this.metrics.votes.inc({ phase: "committed" });
      this.log.info({ jobId: jobId.toString(), round, verdict }, "vote committed");
    } catch (e) {
      delete this.store.state.votes[key];
      this.log.error({ jobId: jobId.toString(), err: (e as Error).message }, "could not judge the case");
    } finally {
      this.judging.delete(key);
    }
  }

  /**
   * The commitment of the first delivered result that passes one-pass verification; when none
   * does, the commitment of this validator's own run; with no input at all, NO_VERDICT.
   */
  async verdictFor(jobId: bigint): Promise<Hex> {
    const { publicClient } = this.chain;
    const { JobMarket } = this.contracts;
    const job = await publicClient.readContract({ ...JobMarket, functionName: "job", args: [jobId] });
    const model = this.models.get(job.modelId.toString());
    if (!model) throw new Error(`model ${job.modelId} is not loaded by this validator`);
    const [posted] = await publicClient.getContractEvents({
      ...JobMarket,
      eventName: "JobPosted",
      args: { jobId },
      fromBlock: 0n,
    });
    if (!posted) throw new Error(`no JobPosted event for job ${jobId}`);
    const assignments = await publicClient.readContract({ ...JobMarket, functionName: "assignments", args: [jobId] });
    const jobHex = toHex(jobId, { size: 32 });
    let input: JobInput | null = null;
    const started = performance.now();
    for (const a of assignments) {
      if (a.status !== WorkStatus.Delivered) continue;
      const claim = await this.fetchClaim(jobId, a.worker, posted.args.inputHash!).catch((e: Error) => {
        this.log.warn({ jobId: jobId.toString(), worker: a.worker, err: e.message }, "no usable claim from worker");
        return null;
      });
      if (!claim) continue;
      input = claim.input;
      const claimed = computeCommitment({
        jobId: jobHex,
        modelHash: model.modelHash,
        outputTokenIds: claim.output.outputTokenIds,
        fingerprint: hashFingerprint(claim.output.fingerprint),
      });
      if (claimed !== a.commitment) {
        this.log.warn(
          { jobId: jobId.toString(), worker: a.worker },
          "worker's published result does not match its commitment",
        );
        continue;
      }
      const verdict = await verify(
        model,
        input.prompt ?? { messages: input.messages! },
        claim.output.outputTokenIds,
        claim.output.fingerprint,
        { jobId: jobHex, ...resolveSampling(input.sampling, job.maxOutputTokens) },
      );
      if (verdict.accepted) {
        this.metrics.engineLatency.observe((performance.now() - started) / 1000);
        return a.commitment;
      }
      this.log.info(
        { jobId: jobId.toString(), worker: a.worker, position: verdict.position, reason: verdict.reason },
        "claim rejected",
      );
    }
    if (!input) return NO_VERDICT;
    const own = await generate(model, {
      jobId: jobHex,
      prompt: input.prompt ?? { messages: input.messages! },
      ...resolveSampling(input.sampling, job.maxOutputTokens),
    });
    this.metrics.engineLatency.observe((performance.now() - started) / 1000);
    return own.commitment;
  }

  /** Asks a worker for the job's input and its result, encrypted to this validator. */
  private async fetchClaim(
    jobId: bigint,
    worker: Address,
    inputHash: Hex,
  ): Promise<{ input: JobInput; output: JobOutput }> {
    const { publicClient, account } = this.chain;
    const profile = await publicClient.readContract({
      ...this.contracts.WorkerRegistry,
      functionName: "profile",
      args: [worker],
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const key = this.encryption.publicKey;
    const signature = await account.signMessage({
      message: authMessage({ purpose: "validate", chainId: this.chain.chain.id, jobId, timestamp, key }),
    });
    const res = await fetch(`${profile.endpoint.replace(/\/$/, "")}${workerRoutes.validate(jobId, key)}`, {
      headers: { [AUTH_HEADER]: encodeAuthHeader(account.address, timestamp, signature) },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`worker answered ${res.status}: ${await res.text()}`);
    const bundle = (await res.json()) as ValidatorBundle;
    const bytes = open(this.encryption.privateKey, bundle.input);
    if (jobInputHash(bytes) !== inputHash)
      throw new Error("the input the worker handed over does not match the committed input hash");
    const input = jobInputSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
    const output = openJson(this.encryption.privateKey, bundle.output) as JobOutput;
    return { input, output };
  }

  /** Reveals committed votes when allowed, resolves cases when voting is over, draws pending cases. */
  private async tick() {
    const { publicClient } = this.chain;
    const { VerificationCourt } = this.contracts;
    const now = await this.chainNow();
    for (const jobKey of [...this.pendingDraws]) {
      try {
        await this.chain.send(
          { ...VerificationCourt, functionName: "drawValidators", args: [BigInt(jobKey)] },
          `drawValidators ${jobKey}`,
        );
      } catch (e) {
        const name = revertName(e);
        if (name === "WrongCaseStatus") this.pendingDraws.delete(jobKey);
        else if (name !== "RandomnessPending")
          this.log.warn({ jobId: jobKey, err: (e as Error).message.split("\n")[0] }, "draw failed");
      }
    }
    for (const [key, vote] of Object.entries(this.store.state.votes)) {
      if (vote.phase === "resolved" || this.stopping) continue;
      const jobId = BigInt(key.split(":")[0]!);
      const c = await publicClient.readContract({ ...VerificationCourt, functionName: "getCase", args: [jobId] });
      if (c.status !== CaseStatus.Voting) {
        vote.phase = "resolved";
        await this.store.save();
        continue;
      }
      try {
        if (vote.phase === "committed" && (c.committed >= c.drawn || now > BigInt(c.commitEndsAt))) {
          await this.chain.send(
            { ...VerificationCourt, functionName: "revealVote", args: [jobId, vote.verdict, vote.salt] },
            `revealVote ${jobId}`,
          );
          vote.phase = "revealed";
          this.metrics.votes.inc({ phase: "revealed" });
          await this.store.save();
          this.log.info({ jobId: jobId.toString() }, "vote revealed");
        } else if (vote.phase === "revealed" && (c.revealed >= c.drawn || now > BigInt(c.revealEndsAt))) {
          await this.chain.send({ ...VerificationCourt, functionName: "resolve", args: [jobId] }, `resolve ${jobId}`);
          vote.phase = "resolved";
          await this.store.save();
          this.log.info({ jobId: jobId.toString() }, "case resolved");
        }
      } catch (e) {
        const name = revertName(e);
        if (name === "WrongCaseStatus") {
          vote.phase = "resolved";
          await this.store.save();
        } else if (name !== "RevealNotOpen" && name !== "VotingNotOver") {
          this.log.warn({ jobId: jobId.toString(), err: (e as Error).message.split("\n")[0] }, "vote step failed");
        }
      }
    }
  }

  private clock?: ChainClock;

  private chainNow(): Promise<bigint> {
    this.clock ??= new ChainClock(this.chain.publicClient);
    return this.clock.now();
  }
}
