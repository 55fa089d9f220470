// The protocol deployed with Ignition into Hardhat's in-process EDR chain: the fixture of the
// contract tests, exported (`@infergrid/contracts/testing`) for benchmarks and end-to-end tests.
import { fileURLToPath } from "node:url";
import { encodeAbiParameters, keccak256, maxUint256, toHex, type Address, type Hex } from "viem";
import InferGridModule from "../ignition/modules/InferGrid.ts";

// Outside `hardhat test` (a benchmark, an e2e test) no Hardhat config is found from the working
// directory, so point Hardhat at this package's before it initializes.
process.env.HARDHAT_CONFIG ??= fileURLToPath(new URL("../hardhat.config.ts", import.meta.url));
const { network } = await import("hardhat");

export const GRID = 10n ** 18n;
export const MODEL_HASH = keccak256(toHex("tiny-gpt2 manifest"));
export const PRICE_IN = 2_000_000_000n; // GRID wei per input token
export const PRICE_OUT = 5_000_000_000n; // GRID wei per output token
export const STAKE = 10_000n * GRID;
export const CHALLENGE_WINDOW = 3600n;
export const DECLINE_WINDOW = 120n;
export const REVEAL_WINDOW = 600n;
export const SLASH_MISSED_BPS = 500n;

/** Seal for commit-reveal (R > 1): keccak256(abi.encode(commitment, worker, salt)). */
export function sealOf(commitment: Hex, worker: Address, salt: Hex): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "bytes32" }, { type: "address" }, { type: "bytes32" }], [commitment, worker, salt]),
  );
}

export const commitmentOf = (label: string): Hex => keccak256(toHex(label));

type Connection = Awaited<ReturnType<typeof network.create>>;

/** Deploys the protocol with Ignition, funds the test accounts, registers a model and three workers. */
async function deployProtocol(conn: Connection) {
  const wallets = await conn.viem.getWalletClients();
  const [, poster, w1, w2, w3, creator, other, w4] = wallets;
  const c = await conn.ignition.deploy(InferGridModule, {
    parameters: { InferGrid: { votingPeriod: 20n, timelockDelay: 60n, proposalThreshold: 0n } },
  });
  for (const a of [poster, w1, w2, w3, creator, other, w4, ...wallets.slice(8, 14)]) {
    await c.token.write.transfer([a.account.address, 1_000_000n * GRID]);
  }
  await c.modelRegistry.write.register(["tiny-gpt2", MODEL_HASH, "ipfs://tiny", "text-generation/onnx"], {
    account: creator.account,
  });
  for (const [i, w] of [w1, w2, w3].entries()) {
    await c.token.write.approve([c.workerRegistry.address, STAKE], { account: w.account });
    await c.workerRegistry.write.stake([STAKE], { account: w.account });
    await c.workerRegistry.write.register(
      [
        {
          endpoint: `http://127.0.0.1:${7101 + i}`,
          encryptionKey: keccak256(toHex(`key-${i}`)),
          region: 276,
          capacity: 4,
          minJobDuration: 60,
        },
      ],
      { account: w.account },
    );
    await c.workerRegistry.write.setModelPrice([1n, PRICE_IN, PRICE_OUT], { account: w.account });
  }
  await c.token.write.approve([c.jobMarket.address, maxUint256], { account: poster.account });
  return c;
}

export type Protocol = Awaited<ReturnType<typeof deployProtocol>>;

/** Indices of IProtocolConfig.Param that tests and benchmarks set. */
export const Param = {
  SlashFraudBps: 8,
  AuditRateBps: 10,
  ValidatorsPerAudit: 18,
  ValidatorsPerDispute: 19,
} as const;

/** Connects to a fresh in-process EDR chain and returns a snapshot-backed deployment fixture. */
export async function connectProtocol() {
  const conn = await network.create();
  const { viem, networkHelpers } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [deployer, poster, w1, w2, w3, creator, other, w4] = wallets;
  // Accounts 8..13 stake as validators in the verification tests.
  const validators = wallets.slice(8, 14);

  const fixture = () => deployProtocol(conn);
  const load = () => networkHelpers.loadFixture(fixture);

  /** Stakes `amount` GRID for the first `n` validator accounts. */
  async function stakeValidators(c: Protocol, n: number, amount = 10_000n * GRID) {
    for (const v of validators.slice(0, n)) {
      await c.token.write.approve([c.validatorRegistry.address, amount], { account: v.account });
      await c.validatorRegistry.write.stake([amount], { account: v.account });
    }
  }

  /** Sets ProtocolConfig parameters as the timelock would after a passed proposal. */
  async function setParams(c: Protocol, params: [number, bigint][]) {
    await networkHelpers.impersonateAccount(c.timelock.address);
    await networkHelpers.setBalance(c.timelock.address, 10n ** 18n);
    for (const [id, v] of params) await c.config.write.setParam([id, v], { account: c.timelock.address });
  }

  async function now(): Promise<bigint> {
    return (await publicClient.getBlock()).timestamp;
  }

  return {
    ...conn,
    publicClient,
    accounts: { deployer, poster, w1, w2, w3, creator, other, w4 },
    validators,
    load,
    now,
    stakeValidators,
    setParams,
  };
}
