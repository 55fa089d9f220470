// Gas of the job lifecycle on Hardhat's in-process EDR chain, measured in steady state (every
// balance that a job touches is already non-zero, as on a live network).
// Run: npm run bench:gas   (writes bench/results/gas.json)
import { keccak256, toHex, type Address, type Hash } from "viem";
import { commitRevealSeal } from "@infergrid/sdk";
import { CHALLENGE_WINDOW, Param, commitmentOf, connectProtocol, type Protocol } from "@infergrid/contracts/testing";
import { report, type Metric } from "./lib/report.ts";

const { accounts, validators, load, now, publicClient, networkHelpers, stakeValidators, setParams } =
  await connectProtocol();
const { poster, w1, w2, w3 } = accounts;
const validatorByAddress = new Map(validators.map((v) => [v.account.address.toLowerCase(), v]));

async function gas(tx: Promise<Hash>): Promise<number> {
  const r = await publicClient.waitForTransactionReceipt({ hash: await tx });
  if (r.status !== "success") throw new Error(`transaction ${r.transactionHash} reverted`);
  return Number(r.gasUsed);
}

async function request(workers: Address[], deadlineIn = 600n) {
  return {
    modelId: 1n,
    workers,
    inputHash: keccak256(toHex("prompt")),
    encryptedInputs: workers.map(() => toHex("x".repeat(96))),
    inputURI: "",
    maxInputTokens: 256,
    maxOutputTokens: 256,
    maxPricePerInputToken: 3_000_000_000n,
    maxPricePerOutputToken: 6_000_000_000n,
    deadline: Number((await now()) + deadlineIn),
  };
}

async function postR1(c: Protocol) {
  const id = await c.jobMarket.read.nextJobId();
  const g = await gas(c.jobMarket.write.postJob([await request([w1.account.address])], { account: poster.account }));
  return { id, g };
}

async function lifecycleR1(c: Protocol) {
  const { id, g: post } = await postR1(c);
  const submit = await gas(
    c.jobMarket.write.submitResult([id, commitmentOf(`r1-${id}`), "ref", 40, 120], { account: w1.account }),
  );
  await networkHelpers.time.increase(CHALLENGE_WINDOW);
  const finalize = await gas(c.jobMarket.write.finalize([id]));
  return { post, submit, finalize };
}

async function lifecycleR3(c: Protocol) {
  const ws = [w1, w2, w3];
  const id = await c.jobMarket.read.nextJobId();
  const post = await gas(
    c.jobMarket.write.postJob([await request(ws.map((w) => w.account.address))], { account: poster.account }),
  );
  const C = commitmentOf(`r3-${id}`);
  const salt = keccak256(toHex(`salt-${id}`));
  let commit = 0;
  let reveal = 0;
  for (const w of ws)
    commit += await gas(
      c.jobMarket.write.commitResult([id, commitRevealSeal(C, w.account.address, salt)], { account: w.account }),
    );
  for (const w of ws)
    reveal += await gas(c.jobMarket.write.revealResult([id, C, salt, "ref", 40, 120], { account: w.account }));
  await networkHelpers.time.increase(CHALLENGE_WINDOW);
  const finalize = await gas(c.jobMarket.write.finalize([id]));
  return { post, commit, reveal, finalize };
}

const c = await load();
// Warm-up: make the worker, creator, treasury and poster balances non-zero.
await lifecycleR1(c);
await lifecycleR3(c);
const r1 = await lifecycleR1(c);
const r3 = await lifecycleR3(c);

const ids: bigint[] = [];
for (let i = 0; i < 50; i++) {
  const { id } = await postR1(c);
  await gas(c.jobMarket.write.submitResult([id, commitmentOf(`b-${id}`), "ref", 40, 120], { account: w1.account }));
  ids.push(id);
}
await networkHelpers.time.increase(CHALLENGE_WINDOW);
const batch = await gas(c.jobMarket.write.finalizeBatch([ids]));

const { id: lateId } = await postR1(c);
await networkHelpers.time.increase(601n);
const timeout = await gas(c.jobMarket.write.claimTimeout([lateId]));

/** An audited R = 1 job: the finalize that draws the audit, then commit, reveal, resolve. */
async function auditRound(c: Protocol) {
  const id = await c.jobMarket.read.nextJobId();
  const C = commitmentOf(`audit-${id}`);
  await gas(c.jobMarket.write.postJob([await request([w1.account.address])], { account: poster.account }));
  await gas(c.jobMarket.write.submitResult([id, C, "ref", 40, 120], { account: w1.account }));
  await networkHelpers.time.increase(CHALLENGE_WINDOW);
  const requestAudit = await gas(c.jobMarket.write.finalize([id]));
  const judges = (await c.court.read.ballots([id])).map((b) => validatorByAddress.get(b.validator.toLowerCase())!);
  const salt = keccak256(toHex(`vote-${id}`));
  let commit = 0;
  let reveal = 0;
  for (const j of judges) {
    commit += await gas(
      c.court.write.commitVote([id, commitRevealSeal(C, j.account.address, salt)], { account: j.account }),
    );
  }
  for (const j of judges) reveal += await gas(c.court.write.revealVote([id, C, salt], { account: j.account }));
  const resolve = await gas(c.court.write.resolve([id]));
  const n = judges.length;
  return { requestAudit, commit: Math.round(commit / n), reveal: Math.round(reveal / n), resolve, n };
}

await stakeValidators(c, 5);
await setParams(c, [[Param.AuditRateBps, 10_000n]]);
await auditRound(c); // warm-up: validator and treasury balances become non-zero
const v1 = await auditRound(c);
await setParams(c, [[Param.ValidatorsPerAudit, 3n]]);
await auditRound(c);
const v3 = await auditRound(c);
if (v1.n !== 1 || v3.n !== 3) throw new Error(`expected 1 and 3 validators, drew ${v1.n} and ${v3.n}`);

const lifecycle1 = r1.post + r1.submit + r1.finalize;
const lifecycle3 = r3.post + r3.commit + r3.reveal + r3.finalize;
const metrics: Metric[] = [
  { metric: "lifecycle_r1_gas", value: lifecycle1, unit: "gas", goal: "<= 150000" },
  { metric: "post_r1_gas", value: r1.post, unit: "gas" },
  { metric: "submit_r1_gas", value: r1.submit, unit: "gas" },
  { metric: "finalize_r1_gas", value: r1.finalize, unit: "gas" },
  { metric: "lifecycle_r3_gas", value: lifecycle3, unit: "gas" },
  { metric: "post_r3_gas", value: r3.post, unit: "gas" },
  { metric: "commit_r3_gas_per_worker", value: Math.round(r3.commit / 3), unit: "gas" },
  { metric: "reveal_r3_gas_per_worker", value: Math.round(r3.reveal / 3), unit: "gas" },
  { metric: "finalize_r3_gas", value: r3.finalize, unit: "gas" },
  { metric: "finalize_batch50_gas_per_job", value: Math.round(batch / 50), unit: "gas", goal: "<= 25000" },
  { metric: "claim_timeout_r1_gas", value: timeout, unit: "gas" },
  { metric: "audit_request_v1_gas", value: v1.requestAudit, unit: "gas" },
  { metric: "audit_commit_vote_v1_gas", value: v1.commit, unit: "gas" },
  { metric: "audit_reveal_vote_v1_gas", value: v1.reveal, unit: "gas" },
  { metric: "audit_resolve_v1_gas", value: v1.resolve, unit: "gas" },
  { metric: "audit_request_v3_gas", value: v3.requestAudit, unit: "gas" },
  { metric: "audit_commit_vote_v3_gas_per_validator", value: v3.commit, unit: "gas" },
  { metric: "audit_reveal_vote_v3_gas_per_validator", value: v3.reveal, unit: "gas" },
  { metric: "audit_resolve_v3_gas", value: v3.resolve, unit: "gas" },
];
report("gas", metrics);
