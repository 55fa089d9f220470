import { network } from "hardhat";
import { encodeAbiParameters, keccak256, maxUint256, toHex, type Address, type Hex } from "viem";
import InferGridModule from "../../../ignition/modules/InferGrid.ts";

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

/** Connects to a fresh in-process EDR chain and returns a snapshot-backed deployment fixture. */
export async function connectProtocol() {
  const conn = await network.create();
  const { viem, ignition, networkHelpers } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [deployer, poster, w1, w2, w3, creator, other, w4] = wallets;
  // Accounts 8..13 stake as validators in the verification tests.
  const validators = wallets.slice(8, 14);

  async function deployProtocol() {
    const c = await ignition.deploy(InferGridModule, {
      parameters: { InferGrid: { votingPeriod: 20n, timelockDelay: 60n, proposalThreshold: 0n } },
    });
    for (const a of [poster, w1, w2, w3, creator, other, w4, ...validators]) {
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

  const load = () => networkHelpers.loadFixture(deployProtocol);

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
  };
}

export type Protocol = Awaited<ReturnType<Awaited<ReturnType<typeof connectProtocol>>["load"]>>;
