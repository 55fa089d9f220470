// A scripted protocol history on a local chain started by devnet/src/up.ts: jobs at R = 1 and R = 3
// (commit-reveal), a dispute decided by validators, a timeout, a governance proposal through
// execution that makes every job audited, an audited job, and a withdrawal. Every receipt's logs
// are kept, decoded, as the ground truth the subgraph is checked against.
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  maxUint256,
  parseEventLogs,
  toHex,
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { mnemonicToAccount, type HDAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  gridGovernorAbi,
  gridTokenAbi,
  jobMarketAbi,
  modelRegistryAbi,
  protocolConfigAbi,
  validatorRegistryAbi,
  verificationCourtAbi,
  workerRegistryAbi,
} from "@infergrid/contracts/abis";
import { commitRevealSeal, getContractConfigs, type Deployment } from "@infergrid/sdk";

const MNEMONIC = "test test test test test test test test test test test junk";
export const GRID = 10n ** 18n;
export const PRICE_IN = 2_000_000_000n;
export const PRICE_OUT = 5_000_000_000n;
export const STAKE = 10_000n * GRID;
export const AUDIT_RATE_BPS = 10;

export type DecodedLog = {
  eventName: string;
  args: Record<string, unknown>;
  address: Address;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
  timestamp: bigint;
};

const allAbis = [
  ...gridTokenAbi,
  ...gridGovernorAbi,
  ...protocolConfigAbi,
  ...modelRegistryAbi,
  ...workerRegistryAbi,
  ...jobMarketAbi,
  ...validatorRegistryAbi,
  ...verificationCourtAbi,
] as Abi;

export function accountAt(i: number): HDAccount {
  return mnemonicToAccount(MNEMONIC, { addressIndex: i });
}

export type Actors = {
  deployer: HDAccount;
  poster: HDAccount;
  workers: HDAccount[];
  creator: HDAccount;
  validators: HDAccount[];
};

export const actors: Actors = {
  deployer: accountAt(0),
  poster: accountAt(1),
  workers: [accountAt(2), accountAt(3), accountAt(4)],
  creator: accountAt(5),
  validators: [accountAt(8), accountAt(9), accountAt(10)],
};

/** A typed contract read: the generated ABIs may not carry literal types for viem to infer from. */
export function readAs<T>(
  client: { readContract: (args: never) => Promise<unknown> },
  contract: { address: Address; abi: Abi },
  functionName: string,
  args: unknown[] = [],
): Promise<T> {
  return client.readContract({ ...contract, functionName, args } as never) as Promise<T>;
}

export class ScenarioError extends Error {
  override name = "ScenarioError";
}

export function chainClients(rpc: string) {
  const transport = http(rpc);
  return {
    publicClient: createPublicClient({ chain: hardhat, transport, pollingInterval: 50 }),
    testClient: createTestClient({ chain: hardhat, mode: "hardhat", transport }),
    wallet: (account: HDAccount | Address) => createWalletClient({ chain: hardhat, transport, account }),
  };
}

/** Sends contract calls one at a time and records their decoded logs. */
export function recorder(rpc: string) {
  const { publicClient, testClient, wallet } = chainClients(rpc);
  const logs: DecodedLog[] = [];
  const times = new Map<bigint, bigint>();

  async function record(receipt: TransactionReceipt): Promise<void> {
    if (receipt.status !== "success") throw new ScenarioError(`Transaction ${receipt.transactionHash} reverted`);
    let ts = times.get(receipt.blockNumber);
    if (ts === undefined) {
      ts = (await publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
      times.set(receipt.blockNumber, ts);
    }
    for (const l of parseEventLogs({ abi: allAbis, logs: receipt.logs, strict: true })) {
      logs.push({
        eventName: l.eventName,
        args: l.args as Record<string, unknown>,
        address: l.address,
        blockNumber: l.blockNumber,
        logIndex: l.logIndex,
        transactionHash: l.transactionHash,
        timestamp: ts,
      });
    }
  }

  async function send(
    from: HDAccount | Address,
    to: { address: Address; abi: Abi },
    functionName: string,
    args: unknown[] = [],
  ): Promise<TransactionReceipt> {
    const hash = await wallet(from).sendTransaction({
      to: to.address,
      data: encodeFunctionData({ abi: to.abi, functionName, args }),
      chain: hardhat,
    } as Parameters<ReturnType<typeof wallet>["sendTransaction"]>[0]);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    await record(receipt);
    return receipt;
  }

  return { publicClient, testClient, logs, send };
}

export type ScenarioResult = {
  logs: DecodedLog[];
  jobs: { r1: bigint; r3: bigint; dispute: bigint; timeout: bigint; audit: bigint };
  proposalId: bigint;
  commitments: { agreed: Hex; dissent: Hex };
};

export async function runScenario(rpc: string, d: Deployment): Promise<ScenarioResult> {
  const c = getContractConfigs(d);
  const { publicClient, testClient, logs, send } = recorder(rpc);
  const { deployer, poster, workers, creator, validators } = actors;
  const [w1, w2] = workers;
  const A = keccak256(toHex("the agreed result"));
  const B = keccak256(toHex("a different result"));
  const salt = keccak256(toHex("salt"));
  const now = async () => (await publicClient.getBlock()).timestamp;
  const advance = async (seconds: number) => {
    await testClient.increaseTime({ seconds });
    await testClient.mine({ blocks: 1 });
  };

  // The model, three workers, three validators, an approving poster.
  await send(creator, c.ModelRegistry, "register", [
    "tiny-gpt2",
    keccak256(toHex("tiny-gpt2 manifest")),
    "ipfs://tiny",
    "text-generation/onnx",
  ]);
  for (const [i, w] of workers.entries()) {
    await send(w, c.GridToken, "approve", [d.WorkerRegistry, STAKE]);
    await send(w, c.WorkerRegistry, "stake", [STAKE]);
    await send(w, c.WorkerRegistry, "register", [
      {
        endpoint: `http://127.0.0.1:${7101 + i}`,
        encryptionKey: keccak256(toHex(`key-${i}`)),
        region: 276,
        capacity: 4,
        minJobDuration: 60,
      },
    ]);
    await send(w, c.WorkerRegistry, "setModelPrice", [1n, PRICE_IN, PRICE_OUT]);
  }
  for (const v of validators) {
    await send(v, c.GridToken, "approve", [d.ValidatorRegistry, STAKE]);
    await send(v, c.ValidatorRegistry, "stake", [STAKE]);
  }
  await send(poster, c.GridToken, "approve", [d.JobMarket, maxUint256]);

  // The default 1 % audit rate would make the first jobs' outcome random: the timelock turns it
  // off directly (impersonated); the governance proposal below turns it up to 100 %.
  await testClient.impersonateAccount({ address: d.GridTimelock });
  await testClient.setBalance({ address: d.GridTimelock, value: GRID });
  await send(d.GridTimelock, c.ProtocolConfig, "setParam", [AUDIT_RATE_BPS, 0n]);
  await testClient.stopImpersonatingAccount({ address: d.GridTimelock });
  const challengeWindow = Number(
    (await readAs<{ challengeWindow: bigint }>(publicClient, c.ProtocolConfig, "params")).challengeWindow,
  );

  const post = async (ws: HDAccount[], deadlineIn = 600n): Promise<bigint> => {
    const id = await readAs<bigint>(publicClient, c.JobMarket, "nextJobId");
    await send(poster, c.JobMarket, "postJob", [
      {
        modelId: 1n,
        workers: ws.map((w) => w.address),
        inputHash: keccak256(toHex(`prompt ${id}`)),
        encryptedInputs: ws.map(() => "0x01"),
        inputURI: "",
        maxInputTokens: 100,
        maxOutputTokens: 200,
        maxPricePerInputToken: PRICE_IN,
        maxPricePerOutputToken: PRICE_OUT,
        deadline: Number((await now()) + deadlineIn),
      },
    ]);
    return id;
  };
  const commitReveal = async (id: bigint, results: Hex[]) => {
    for (const [i, w] of workers.entries())
      await send(w, c.JobMarket, "commitResult", [id, commitRevealSeal(results[i], w.address, salt)]);
    for (const [i, w] of workers.entries())
      await send(w, c.JobMarket, "revealResult", [id, results[i], salt, `ref-${id}-${i}`, 10 + i, 20 + i]);
  };
  const vote = async (id: bigint, verdict: Hex) => {
    const ballots = await readAs<{ validator: Address }[]>(
      publicClient,
      c.VerificationCourt,

      "ballots",
      [id],
    );
    const byAddress = new Map(validators.map((v) => [v.address.toLowerCase(), v]));
    const judges = ballots.map((b) => {
      const v = byAddress.get(b.validator.toLowerCase());
      if (!v) throw new ScenarioError(`Validator ${b.validator} drawn for job ${id} is not one of the scenario's`);
      return v;
    });
    for (const j of judges)
      await send(j, c.VerificationCourt, "commitVote", [id, commitRevealSeal(verdict, j.address, salt)]);
    for (const j of judges) await send(j, c.VerificationCourt, "revealVote", [id, verdict, salt]);
    await send(deployer, c.VerificationCourt, "resolve", [id]);
  };

  // R = 1: submit, wait out the challenge window, finalize.
  const r1 = await post([w1]);
  await send(w1, c.JobMarket, "submitResult", [r1, A, "ref-r1", 10, 20]);
  await advance(challengeWindow + 1);
  await send(deployer, c.JobMarket, "finalize", [r1]);

  // R = 3, all agree.
  const r3 = await post(workers);
  await commitReveal(r3, [A, A, A]);
  await advance(challengeWindow + 1);
  await send(deployer, c.JobMarket, "finalize", [r3]);

  // R = 3, one dissents: dispute, validators draw, vote and resolve for the majority.
  const dispute = await post(workers);
  await commitReveal(dispute, [A, A, B]);
  await testClient.mine({ blocks: 1 });
  await send(deployer, c.VerificationCourt, "drawValidators", [dispute]);
  await vote(dispute, A);

  // A worker that never answers: timeout, slash, refund.
  const timeout = await post([w2], 120n);
  await advance(121);
  await send(deployer, c.JobMarket, "claimTimeout", [timeout]);

  // Governance: audit every job.
  await send(deployer, c.GridToken, "delegate", [deployer.address]);
  await send(poster, c.GridToken, "delegate", [poster.address]);
  const targets = [d.ProtocolConfig];
  const values = [0n];
  const calldatas = [
    encodeFunctionData({ abi: protocolConfigAbi, functionName: "setParam", args: [AUDIT_RATE_BPS, 10_000n] }),
  ];
  const description = "Audit every job";
  const proposed = await send(deployer, c.GridGovernor, "propose", [targets, values, calldatas, description]);
  const created = parseEventLogs({
    abi: gridGovernorAbi as Abi,
    logs: proposed.logs,
    eventName: "ProposalCreated",
  })[0] as unknown as {
    args: { proposalId: bigint };
  };
  const proposalId = created.args.proposalId;
  await testClient.mine({ blocks: 2 });
  await send(deployer, c.GridGovernor, "castVote", [proposalId, 1]);
  await send(poster, c.GridGovernor, "castVoteWithReason", [proposalId, 0, "too costly"]);
  await testClient.mine({ blocks: 21 });
  const descriptionHash = keccak256(toHex(description));
  await send(deployer, c.GridGovernor, "queue", [targets, values, calldatas, descriptionHash]);
  await advance(61);
  await send(deployer, c.GridGovernor, "execute", [targets, values, calldatas, descriptionHash]);

  // An audited job: the draw at finalization picks it; one validator re-checks and agrees.
  const audit = await post([w1]);
  await send(w1, c.JobMarket, "submitResult", [audit, A, "ref-audit", 12, 30]);
  await advance(challengeWindow + 1);
  await send(deployer, c.JobMarket, "finalize", [audit]);
  await vote(audit, A);

  // A withdrawal of everything the first worker earned.
  await send(w1, c.JobMarket, "withdraw", []);

  return { logs, jobs: { r1, r3, dispute, timeout, audit }, proposalId, commitments: { agreed: A, dissent: B } };
}
