// End to end: `devnet/src/up.ts` on a spare port, the scenario of test/scenario.ts, then the local
// indexer over the built subgraph; every named query of sdk/src/subgraph/queries.ts must return
// exactly what the chain's own receipts and views say. Then a restart resumes from the state file
// and follows new blocks.
import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { readDeployment, type Deployment, getContractConfigs, type InferGridContractConfigs } from "@infergrid/sdk";
import { subgraphQueries } from "@infergrid/sdk/subgraph";
import { decimalOps, decimalToString } from "@infergrid/indexer/host";
import { startIndexer, type RunningIndexer } from "@infergrid/indexer";
import { testPort } from "../src/process.ts";
import {
  actors,
  chainClients,
  readAs,
  recorder,
  runScenario,
  type DecodedLog,
  type ScenarioResult,
} from "../src/scenario.ts";
import type { Abi } from "viem";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PORT = Number(process.env.SUBGRAPH_TEST_CHAIN_PORT ?? testPort(18_745));
const RPC = `http://127.0.0.1:${PORT}`;
const DEPLOYMENT_ID = `local-${PORT}`;
const stateDir = mkdtempSync(join(tmpdir(), "infergrid-indexer-"));
const lc = (a: string) => a.toLowerCase();

let up: ChildProcessWithoutNullStreams | null = null;
let upOutput = "";
let indexer: RunningIndexer | null = null;
let d: Deployment;
let c: InferGridContractConfigs;
let s: ScenarioResult;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Row = Record<string, Json>;

/** The indexed data of NETWORK_STATS, without `_meta` (the chain mines empty blocks every second). */
async function totals(): Promise<Record<string, Json>> {
  const { _meta, ...rest } = await query("NETWORK_STATS");
  assert.ok(_meta);
  return rest;
}

async function query(
  name: keyof typeof subgraphQueries,
  variables: Record<string, unknown> = {},
): Promise<Record<string, Json>> {
  const res = await fetch(indexer!.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: subgraphQueries[name], variables }),
  });
  const body = (await res.json()) as { data?: Record<string, Json>; errors?: { message: string }[] };
  assert.equal(body.errors, undefined, `${name}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

// ---- ground truth from the receipts
const of = (name: string, filter: (l: DecodedLog) => boolean = () => true) =>
  s.logs.filter((l) => l.eventName === name && filter(l));
const arg = (l: DecodedLog, k: string) => l.args[k] as bigint;
const addr = (l: DecodedLog, k: string) => lc(l.args[k] as string);
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const jobOf = (id: bigint) => (l: DecodedLog) => l.args.jobId === id;
const day = (ts: bigint) => Number(ts / 86_400n);
const mean = (total: bigint, count: number) =>
  count === 0
    ? "0"
    : decimalToString(decimalOps.dividedBy({ digits: total, exp: 0n }, { digits: BigInt(count), exp: 0n }));

function tokensOf(jobId: bigint, worker: string): bigint {
  const r = of("ResultSubmitted", (l) => l.args.jobId === jobId && addr(l, "worker") === worker)[0];
  return BigInt(r.args.inputTokens as number) + BigInt(r.args.outputTokens as number);
}

function latencies(): { jobId: bigint; posted: bigint; latency: bigint }[] {
  return of("JobPosted").flatMap((p) => {
    const done = s.logs.find(
      (l) => (l.eventName === "ChallengeStarted" || l.eventName === "JobDisputed") && l.args.jobId === p.args.jobId,
    );
    return done ? [{ jobId: arg(p, "jobId"), posted: p.timestamp, latency: done.timestamp - p.timestamp }] : [];
  });
}

function creatorShare(): bigint {
  return (
    sum(of("JobFinalized").map((l) => arg(l, "creatorAmount"))) +
    sum(of("CaseSettled", (l) => l.args.hasVerdict === true).map((l) => (arg(l, "totalFee") * 2000n) / 10_000n))
  );
}

before(async () => {
  up = spawn(process.execPath, ["devnet/src/up.ts", "--port", String(PORT), "--chain-only"], { cwd: ROOT });
  up.stdout.on("data", (b: Buffer) => (upOutput += b.toString()));
  up.stderr.on("data", (b: Buffer) => (upOutput += b.toString()));
  const t0 = Date.now();
  while (!/InferGrid local network is up/.test(upOutput)) {
    if (up.exitCode !== null) throw new Error(`devnet/src/up.ts exited ${up.exitCode}:\n${upOutput}`);
    if (Date.now() - t0 > 240_000) throw new Error(`devnet/src/up.ts did not come up:\n${upOutput}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  d = readDeployment(31337, undefined, DEPLOYMENT_ID);
  c = getContractConfigs(d);
  s = await runScenario(RPC, d);
  indexer = await startIndexer({
    rpc: RPC,
    deploymentId: DEPLOYMENT_ID,
    port: 0,
    stateDir,
    pollIntervalMs: 100,
    quiet: true,
  });
});

after(async () => {
  await indexer?.close();
  if (up && up.exitCode === null) {
    up.kill("SIGINT");
    await new Promise((r) => up!.once("exit", r));
  }
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(join(ROOT, "contracts", "ignition", "deployments", DEPLOYMENT_ID), { recursive: true, force: true });
});

describe("subgraph served by the local indexer", () => {
  it("indexes to the head", async () => {
    // The local chain also mines a block every second, so the head moves on its own.
    const head = Number(await chainClients(RPC).publicClient.getBlockNumber());
    await indexer!.waitForBlock(head, 10_000);
    const { _meta } = (await query("NETWORK_STATS")) as { _meta: { block: { number: number } } };
    assert.ok(_meta.block.number >= head, `_meta.block.number ${_meta.block.number} < head ${head}`);
    assert.equal(indexer!.indexer.fatalError, null);
  });

  it("NETWORK_STATS: totals and daily statistics", async () => {
    const { publicClient } = chainClients(RPC);
    const read = <T>(contract: { address: Address; abi: Abi }, functionName: string, args: unknown[]) =>
      readAs<T>(publicClient, contract, functionName, args);
    const workerStake = sum(
      await Promise.all(
        actors.workers.map(async (w) => (await read<{ stake: bigint }>(c.WorkerRegistry, "worker", [w.address])).stake),
      ),
    );
    const validatorStake = sum(
      await Promise.all(
        actors.validators.map(
          async (v) => (await read<{ stake: bigint }>(c.ValidatorRegistry, "validator", [v.address])).stake,
        ),
      ),
    );
    const paid = of("WorkerPaid");
    const lat = latencies();
    const data = await query("NETWORK_STATS");
    assert.deepEqual(data.protocol, {
      models: 1,
      workers: 3,
      validators: 3,
      jobsPosted: 5,
      jobsFinalized: 4,
      jobsRefunded: 1,
      jobsDisputed: 1,
      cases: 2,
      proposals: 1,
      tokensServed: sum(paid.map((l) => tokensOf(arg(l, "jobId"), addr(l, "worker")))).toString(),
      fees: sum(paid.map((l) => arg(l, "fee"))).toString(),
      workerEarnings: sum(paid.map((l) => arg(l, "workerAmount"))).toString(),
      creatorRoyalties: (await read<bigint>(c.JobMarket, "balanceOf", [actors.creator.address])).toString(),
      treasuryIncome: (await read<bigint>(c.JobMarket, "balanceOf", [d.GridTimelock])).toString(),
      withdrawn: sum(of("Withdrawn").map((l) => arg(l, "amount"))).toString(),
      workerStake: workerStake.toString(),
      validatorStake: validatorStake.toString(),
      latencyCount: 4,
      meanLatency: mean(sum(lat.map((x) => x.latency)), lat.length),
    });
    assert.equal(creatorShare().toString(), (data.protocol as Row).creatorRoyalties);

    const days = new Map<number, Row>();
    const dayRow = (n: number) => {
      let r = days.get(n);
      if (!r)
        days.set(
          n,
          (r = {
            day: n,
            date: String(n * 86_400),
            jobsPosted: 0,
            jobsFinalized: 0,
            tokensServed: "0",
            fees: "0",
            latencyCount: 0,
            meanLatency: "0",
            _sum: "0",
          }),
        );
      return r;
    };
    for (const p of of("JobPosted")) (dayRow(day(p.timestamp)).jobsPosted as number)++;
    for (const l of paid) {
      const r = dayRow(day(l.timestamp));
      r.tokensServed = String(BigInt(r.tokensServed as string) + tokensOf(arg(l, "jobId"), addr(l, "worker")));
      r.fees = String(BigInt(r.fees as string) + arg(l, "fee"));
    }
    for (const l of [...of("JobFinalized"), ...of("CaseSettled", (c) => c.args.hasVerdict === true)])
      (dayRow(day(l.timestamp)).jobsFinalized as number)++;
    for (const x of lat) {
      const r = dayRow(day(x.posted));
      (r.latencyCount as number)++;
      r._sum = String(BigInt(r._sum as string) + x.latency);
      r.meanLatency = mean(BigInt(r._sum as string), r.latencyCount as number);
    }
    const expected = [...days.values()]
      .sort((a, b) => (b.day as number) - (a.day as number))
      .map(({ _sum, ...r }) => r);
    assert.deepEqual(data.dailyStats, expected);
  });

  it("MODELS: usage and royalties", async () => {
    const { models } = (await query("MODELS")) as { models: Row[] };
    const { publicClient } = chainClients(RPC);
    const royalties = await readAs<bigint>(publicClient, c.JobMarket, "balanceOf", [actors.creator.address]);
    const paid = of("WorkerPaid");
    const { daily, ...model } = models[0];
    assert.equal(models.length, 1);
    assert.deepEqual(model, {
      id: "1",
      name: "tiny-gpt2",
      format: "text-generation/onnx",
      uri: "ipfs://tiny",
      active: true,
      creator: { id: lc(actors.creator.address) },
      jobCount: 5,
      jobsFinalized: 4,
      tokensServed: sum(paid.map((l) => tokensOf(arg(l, "jobId"), addr(l, "worker")))).toString(),
      fees: sum(paid.map((l) => arg(l, "fee"))).toString(),
      royalties: royalties.toString(),
    });
    const rows = daily as Row[];
    assert.equal(
      rows.reduce((a, r) => a + (r.jobsPosted as number), 0),
      5,
    );
    assert.equal(sum(rows.map((r) => BigInt(r.royalties as string))), royalties);
  });

  async function expectedWorkers(): Promise<Row[]> {
    const { publicClient } = chainClients(RPC);
    return Promise.all(
      actors.workers.map(async (w, i) => {
        const state = await readAs<{ elo: number; stake: bigint }>(
          publicClient,
          c.WorkerRegistry,

          "worker",
          [w.address],
        );
        const stats = await readAs<{ jobsDone: bigint; jobsFailed: bigint; tokensServed: bigint }>(
          publicClient,
          c.WorkerRegistry,

          "stats",
          [w.address],
        );
        const a = lc(w.address);
        return {
          id: a,
          endpoint: `http://127.0.0.1:${7101 + i}`,
          region: 276,
          elo: state.elo,
          stake: state.stake.toString(),
          jobsDone: Number(stats.jobsDone),
          jobsFailed: Number(stats.jobsFailed),
          tokensServed: stats.tokensServed.toString(),
          earnings: sum(of("WorkerPaid", (l) => addr(l, "worker") === a).map((l) => arg(l, "workerAmount"))).toString(),
          slashed: sum(of("Slashed", (l) => addr(l, "worker") === a).map((l) => arg(l, "amount"))).toString(),
          paused: false,
        };
      }),
    );
  }

  it("WORKERS_BY_ELO and WORKERS_BY_EARNINGS: the leaderboards", async () => {
    const rows = await expectedWorkers();
    const byElo = [...rows].sort(
      (a, b) => (b.elo as number) - (a.elo as number) || (a.id as string).localeCompare(b.id as string),
    );
    const byEarnings = [...rows].sort((a, b) => {
      const x = BigInt(a.earnings as string);
      const y = BigInt(b.earnings as string);
      return x === y ? (a.id as string).localeCompare(b.id as string) : x > y ? -1 : 1;
    });
    assert.notDeepEqual(
      byElo.map((r) => r.elo),
      [1500, 1500, 1500],
      "the scenario moves Elo",
    );
    assert.deepEqual((await query("WORKERS_BY_ELO")).workers, byElo);
    assert.deepEqual((await query("WORKERS_BY_EARNINGS")).workers, byEarnings);
  });

  it("WORKER: one worker's dashboard", async () => {
    const w1 = lc(actors.workers[0].address);
    const { worker } = (await query("WORKER", { id: actors.workers[0].address })) as { worker: Row };
    const expected = (await expectedWorkers())[0];
    const { models, results, stakeChanges, capacity, unbonding, activeJobs, registeredAt, ...rest } = worker;
    assert.deepEqual(rest, expected);
    assert.equal(capacity, 4);
    assert.equal(unbonding, "0");
    assert.equal(activeJobs, 0);
    assert.equal(registeredAt, String(of("WorkerRegistered", (l) => addr(l, "worker") === w1)[0].timestamp));
    assert.deepEqual(models, [
      { model: { id: "1", name: "tiny-gpt2" }, pricePerInputToken: "2000000000", pricePerOutputToken: "5000000000" },
    ]);
    const paid = of("WorkerPaid", (l) => addr(l, "worker") === w1);
    assert.deepEqual(
      (results as Row[]).map((r) => [(r.job as Row).id, r.status, r.fee, r.workerAmount]),
      paid.map((l) => [String(l.args.jobId), "Paid", String(arg(l, "fee")), String(arg(l, "workerAmount"))]),
    );
    assert.deepEqual(stakeChanges, [
      {
        kind: "Stake",
        amount: String(10_000n * 10n ** 18n),
        block: String(of("Staked", (l) => addr(l, "worker") === w1)[0].blockNumber),
      },
    ]);
  });

  it("JOBS_BY_POSTER: a poster's jobs, newest first", async () => {
    const { jobs } = (await query("JOBS_BY_POSTER", { poster: lc(actors.poster.address) })) as { jobs: Row[] };
    const { r1, r3, dispute, timeout, audit } = s.jobs;
    const settled = (id: bigint) =>
      of("JobFinalized", jobOf(id))[0] ??
      of("CaseSettled", (l) => l.args.jobId === id && l.args.hasVerdict === true)[0];
    const fee = (id: bigint) => String(settled(id) ? arg(settled(id)!, "totalFee") : 0n);
    const lat = new Map(latencies().map((x) => [x.jobId, String(x.latency)]));
    const expected = [audit, timeout, dispute, r3, r1].map((id) => {
      const posted = of("JobPosted", jobOf(id))[0];
      const refunds =
        sum(of("JobDeclined", jobOf(id)).map((l) => arg(l, "refund"))) +
        sum(of("WorkerTimedOut", jobOf(id)).map((l) => arg(l, "refund"))) +
        sum(of("JobRefunded", jobOf(id)).map((l) => arg(l, "refund"))) +
        sum(of("JobFinalized", jobOf(id)).map((l) => arg(l, "refund"))) +
        sum(of("CaseSettled", (l) => l.args.jobId === id && l.args.hasVerdict === true).map((l) => arg(l, "refund")));
      return {
        id: String(id),
        model: { id: "1", name: "tiny-gpt2" },
        status: id === timeout ? "Refunded" : "Finalized",
        redundancy: (posted.args.workers as string[]).length,
        postedAt: String(posted.timestamp),
        latency: lat.get(id) ?? null,
        tokens: String(sum(of("WorkerPaid", jobOf(id)).map((l) => tokensOf(id, addr(l, "worker"))))),
        totalFee: fee(id),
        refund: String(refunds),
        audited: id === audit,
      };
    });
    assert.deepEqual(jobs, expected);
  });

  it("JOB: the disputed job's timeline, case, votes and payouts", async () => {
    const id = s.jobs.dispute;
    const { job } = (await query("JOB", { id: String(id) })) as { job: Row };
    const settledEvent = of("CaseSettled", jobOf(id))[0];
    const resolved = of("CaseResolved", jobOf(id))[0];
    const posted = of("JobPosted", jobOf(id))[0];
    const disputed = of("JobDisputed", jobOf(id))[0];
    const judges = (of("ValidatorsDrawn", jobOf(id))[0].args.validators as string[]).map(lc);
    const rewards = new Map(
      of("ValidatorRewarded", jobOf(id)).map((l) => [addr(l, "validator"), String(arg(l, "amount"))]),
    );
    const paid = of("WorkerPaid", jobOf(id));
    const totalFee = arg(settledEvent, "totalFee");
    const { results, review, payouts, timeline, ...rest } = job;
    assert.deepEqual(rest, {
      id: String(id),
      poster: { id: lc(actors.poster.address) },
      model: { id: "1", name: "tiny-gpt2" },
      status: "Finalized",
      redundancy: 3,
      escrow: String(arg(posted, "escrow")),
      deadline: String(posted.args.deadline),
      postedAt: String(posted.timestamp),
      resultsAt: String(disputed.timestamp),
      latency: String(disputed.timestamp - posted.timestamp),
      commitment: null,
      audited: false,
      tokens: String(sum(paid.map((l) => tokensOf(id, addr(l, "worker"))))),
      totalFee: String(totalFee),
      workerAmount: String(sum(paid.map((l) => arg(l, "workerAmount")))),
      creatorAmount: String((totalFee * 2000n) / 10_000n),
      treasuryAmount: String(arg(settledEvent, "toTreasury")),
      refund: String(arg(settledEvent, "refund")),
      settledAt: String(settledEvent.timestamp),
    });
    const fraud = of("WorkerSlashedForFraud", jobOf(id))[0];
    assert.deepEqual(
      results,
      actors.workers.map((w, i) => {
        const a = lc(w.address);
        const p = paid.find((l) => addr(l, "worker") === a);
        return {
          worker: { id: a },
          index: i,
          status: p ? "Paid" : "Slashed",
          commitment: i < 2 ? s.commitments.agreed : s.commitments.dissent,
          inputTokens: 10 + i,
          outputTokens: 20 + i,
          fee: p ? String(arg(p, "fee")) : "0",
          slashed: p ? "0" : String(arg(fraud, "amount")),
        };
      }),
    );
    assert.deepEqual(review, {
      kind: "Dispute",
      status: "Resolved",
      round: 0,
      validators: judges,
      hasVerdict: true,
      verdict: s.commitments.agreed,
      votesFor: String(resolved.args.votesFor),
      revealed: String(resolved.args.revealed),
      votes: [...judges].sort().map((v) => ({
        validator: { id: v },
        status: "Revealed",
        verdict: s.commitments.agreed,
        penalty: "0",
        reward: rewards.get(v) ?? "0",
      })),
    });
    const expectedPayouts = [
      ...paid.map((l) => ({
        kind: "Worker",
        recipient: { id: addr(l, "worker") },
        amount: String(arg(l, "workerAmount")),
      })),
      ...of("ValidatorRewarded", jobOf(id)).map((l) => ({
        kind: "Validator",
        recipient: { id: addr(l, "validator") },
        amount: String(arg(l, "amount")),
      })),
      { kind: "Creator", recipient: { id: lc(actors.creator.address) }, amount: String((totalFee * 2000n) / 10_000n) },
      { kind: "Treasury", recipient: { id: lc(d.GridTimelock) }, amount: String(arg(settledEvent, "toTreasury")) },
      { kind: "Refund", recipient: { id: lc(actors.poster.address) }, amount: String(arg(settledEvent, "refund")) },
    ].filter((p) => p.amount !== "0");
    const key = (p: Json) => JSON.stringify(p);
    assert.deepEqual((payouts as Json[]).map(key).sort(), expectedPayouts.map(key).sort());

    const KIND: Record<string, string> = {
      JobPosted: "Posted",
      JobAssigned: "Assigned",
      ResultCommitted: "ResultCommitted",
      ResultSubmitted: "ResultSubmitted",
      JobDisputed: "Disputed",
      CaseOpened: "CaseOpened:Dispute",
      ValidatorsDrawn: "ValidatorsDrawn",
      VoteCommitted: "VoteCommitted",
      VoteRevealed: "VoteRevealed",
      CaseResolved: "CaseResolved",
      WorkerPaid: "WorkerPaid",
      WorkerSlashedForFraud: "WorkerSlashedForFraud",
      ValidatorRewarded: "ValidatorRewarded",
      CaseSettled: "CaseSettled",
    };
    const expectedTimeline = s.logs
      .filter((l) => l.args.jobId === id && l.eventName in KIND)
      .map((l) => ({ kind: KIND[l.eventName], block: String(l.blockNumber), timestamp: String(l.timestamp) }));
    assert.deepEqual(
      (timeline as Row[]).map((t) => ({ kind: t.kind, block: t.block, timestamp: t.timestamp })),
      expectedTimeline,
    );

    const audited = (await query("JOB", { id: String(s.jobs.audit) })).job as Row;
    assert.equal(audited.audited, true);
    assert.equal(audited.status, "Finalized");
    assert.deepEqual(
      { ...(audited.review as Row), votes: undefined, validators: undefined },
      {
        kind: "Audit",
        status: "Resolved",
        round: 0,
        hasVerdict: true,
        verdict: s.commitments.agreed,
        votesFor: "1",
        revealed: "1",
        votes: undefined,
        validators: undefined,
      },
    );
    const timedOut = (await query("JOB", { id: String(s.jobs.timeout) })).job as Row;
    assert.equal(timedOut.status, "Refunded");
    assert.deepEqual(
      (timedOut.results as Row[]).map((r) => [r.status, r.slashed]),
      [["TimedOut", String(arg(of("WorkerTimedOut")[0], "slashed"))]],
    );
  });

  it("PROPOSALS: the executed proposal and its votes", async () => {
    const { proposals } = (await query("PROPOSALS")) as { proposals: Row[] };
    const created = of("ProposalCreated")[0];
    const votes = of("VoteCast").sort((a, b) => (arg(b, "weight") > arg(a, "weight") ? 1 : -1));
    const executed = of("ProposalExecuted")[0];
    const queued = of("ProposalQueued")[0];
    const weight = (support: number) =>
      String(sum(votes.filter((v) => Number(v.args.support) === support).map((v) => arg(v, "weight"))));
    assert.deepEqual(proposals, [
      {
        id: String(s.proposalId),
        proposer: { id: lc(actors.deployer.address) },
        description: "Audit every job",
        state: "Executed",
        voteStart: String(created.args.voteStart),
        voteEnd: String(created.args.voteEnd),
        forVotes: weight(1),
        againstVotes: weight(0),
        abstainVotes: "0",
        eta: String(queued.args.etaSeconds),
        executedAt: String(executed.timestamp),
        targets: [lc(d.ProtocolConfig)],
        calldatas: (created.args.calldatas as Hex[]).map(lc),
        votes: votes.map((v) => ({
          voter: { id: addr(v, "voter") },
          support: Number(v.args.support),
          weight: String(arg(v, "weight")),
          reason: v.args.reason as string,
        })),
      },
    ]);
  });

  it("the timelock operation of the proposal", async () => {
    const res = await fetch(indexer!.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ timelockOperations { state calls targets delay } }" }),
    });
    const body = (await res.json()) as { data: { timelockOperations: Row[] } };
    assert.deepEqual(body.data.timelockOperations, [
      { state: "Executed", calls: 1, targets: [lc(d.ProtocolConfig)], delay: "60" },
    ]);
  });

  it("PARAM_CHANGES: the history and current values", async () => {
    const { paramChanges, params } = (await query("PARAM_CHANGES")) as { paramChanges: Row[]; params: Row[] };
    const changes = of("ParamChanged");
    assert.deepEqual(
      paramChanges.slice(0, 2).map((c) => [c.name, c.source, c.oldValue, c.newValue, c.block, c.tx]),
      changes
        .reverse()
        .map((l) => [
          "AuditRateBps",
          "ProtocolConfig",
          String(arg(l, "oldValue")),
          String(arg(l, "newValue")),
          String(l.blockNumber),
          l.transactionHash,
        ]),
    );
    const current = new Map(params.map((p) => [p.id, p]));
    assert.deepEqual(current.get("AuditRateBps"), { id: "AuditRateBps", value: "10000", address: null });
    assert.deepEqual(current.get("Treasury"), { id: "Treasury", value: null, address: lc(d.GridTimelock) });
    assert.deepEqual(current.get("VotingPeriod"), { id: "VotingPeriod", value: "20", address: null });
    assert.deepEqual(current.get("TimelockDelay"), { id: "TimelockDelay", value: "60", address: null });
  });

  it("rejects what it does not support, by name", async () => {
    const res = await fetch(indexer!.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ jobs(where: { status_like: "x" }) { id } }' }),
    });
    const body = (await res.json()) as { errors: { message: string }[] };
    assert.match(body.errors[0].message, /status_like/);
    const tt = (await (
      await fetch(indexer!.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ jobs(block: { number: 1 }) { id } }" }),
      })
    ).json()) as { errors: { message: string }[] };
    assert.match(tt.errors[0].message, /Time-travel/);
  });

  it("resumes from its state file after a restart and follows new blocks", async () => {
    const before = await totals();
    await indexer!.close();
    indexer = await startIndexer({
      rpc: RPC,
      deploymentId: DEPLOYMENT_ID,
      port: 0,
      stateDir,
      pollIntervalMs: 100,
      quiet: true,
    });
    assert.deepEqual(await totals(), before);
    const { send, logs } = recorder(RPC);
    const w2 = actors.workers[1];
    const r = await send(w2, c.JobMarket, "withdraw");
    await indexer.waitForBlock(Number(r.blockNumber), 30_000);
    const amount = arg(logs.find((l) => l.eventName === "Withdrawn")!, "amount");
    const after = (await totals()).protocol as Row;
    assert.equal(after.withdrawn, String(BigInt((before.protocol as Row).withdrawn as string) + amount));
  });

  it("reindexes from the deployment block when its state no longer matches the chain", async () => {
    const before = await totals();
    await indexer!.close();
    // What a restarted local chain looks like to a saved state: the indexed block hash is gone.
    const path = join(stateDir, `${DEPLOYMENT_ID}.json`);
    const state = JSON.parse(readFileSync(path, "utf8")) as { block: { hash: string } };
    state.block.hash = `0x${"ab".repeat(32)}`;
    writeFileSync(path, JSON.stringify(state));
    const warnings: string[] = [];
    indexer = await startIndexer({
      rpc: RPC,
      deploymentId: DEPLOYMENT_ID,
      port: 0,
      stateDir,
      pollIntervalMs: 100,
      log: (level, message) => void (level === "warning" && warnings.push(message)),
    });
    assert.match(warnings.join("\n"), /reindexing from block/);
    assert.deepEqual(await totals(), before);
  });
});
