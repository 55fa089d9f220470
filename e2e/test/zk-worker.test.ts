// A zk job end to end: a real Hardhat node (`devnet/src/up.ts --chain-only`), the Iris model
// registered with its Groth16 verifier (set by the timelock), a worker daemon serving
// models/iris-mlp as a separate process. The poster commits to its private input with Poseidon
// (the job's inputHash), the worker proves the class and the job finalizes in one transaction.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEventLogs,
  walletActions,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { jobMarketAbi, readDeployment, sealJson, getContractConfigs, JobStatus } from "@infergrid/sdk";
import { zkJobInput } from "@infergrid/circuits/commitment";
import { manifestHash, manifestSchema } from "@infergrid/engine/manifest";
import { ROOT, cli, keyOf, start, waitUntil, type Proc, testPort } from "../src/process.ts";

const PORT = testPort(19_345);
const RPC = `http://127.0.0.1:${PORT}`;
const RUN_DIR = join(ROOT, ".infergrid", `zk-${PORT}`);
const started: Proc[] = [];
after(() => {
  for (const p of started) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(join(ROOT, "contracts", "ignition", "deployments", `local-${PORT}`), { recursive: true, force: true });
  rmSync(RUN_DIR, { recursive: true, force: true });
});

const artifact = (path: string) =>
  JSON.parse(readFileSync(join(ROOT, "contracts", "artifacts", "src", path), "utf8")) as { abi: Abi; bytecode: Hex };

describe("zk job through a worker daemon", () => {
  it("the worker proves the class of a committed private input and the job finalizes at once", async () => {
    const chain = start(["devnet/src/up.ts", "--port", String(PORT), "--chain-only"]);
    started.push(chain);
    await chain.waitFor(/InferGrid local network is up/);
    const d = readDeployment(hardhat.id, undefined, `local-${PORT}`);
    const c = getContractConfigs(d);
    const publicClient = createPublicClient({ chain: hardhat, transport: http(RPC) });
    const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport: http(RPC) }).extend(
      walletActions,
    );
    const wallet = (i: number) =>
      createWalletClient({ chain: hardhat, transport: http(RPC), account: privateKeyToAccount(keyOf(i)) });
    const [deployer, poster, creator] = [wallet(0), wallet(1), wallet(5)];
    const workerAddress = privateKeyToAccount(keyOf(2)).address;
    const wait = async (hash: Hex) => {
      const r = await publicClient.waitForTransactionReceipt({ hash });
      assert.equal(r.status, "success");
      return r;
    };

    // Verifier contracts, the model, and the timelock's setZkVerifier.
    const g = artifact("verification/generated/IrisGroth16Verifier.sol/IrisGroth16Verifier.json");
    const groth16 = (await wait(await deployer.deployContract({ abi: g.abi, bytecode: g.bytecode }))).contractAddress!;
    const a = artifact("verification/ZkModelVerifier.sol/ZkModelVerifier.json");
    const adapter = (
      await wait(await deployer.deployContract({ abi: a.abi, bytecode: a.bytecode, args: [groth16, 3n] }))
    ).contractAddress!;
    const modelDir = join(ROOT, "models", "iris-mlp");
    const hash = manifestHash(manifestSchema.parse(JSON.parse(readFileSync(join(modelDir, "manifest.json"), "utf8"))));
    await wait(
      await creator.writeContract({
        ...c.ModelRegistry,
        functionName: "register",
        args: ["iris-mlp", hash, "file://models/iris-mlp", "tabular-classification/zk"],
      }),
    );
    const modelId = await publicClient.readContract({
      ...c.ModelRegistry,
      functionName: "modelIdByManifest",
      args: [hash],
    });
    const timelock: Address = d.GridTimelock;
    await testClient.impersonateAccount({ address: timelock });
    await testClient.setBalance({ address: timelock, value: 10n ** 18n });
    await wait(
      await testClient.writeContract({
        account: timelock,
        ...c.ModelRegistry,
        functionName: "setZkVerifier",
        args: [modelId, adapter],
        chain: hardhat,
      }),
    );

    // The worker daemon, serving only the zk model.
    mkdirSync(RUN_DIR, { recursive: true });
    const config = join(RUN_DIR, "zk-worker.json");
    writeFileSync(
      config,
      JSON.stringify({
        rpcUrl: RPC,
        deploymentId: `local-${PORT}`,
        key: { privateKeyEnv: "INFERGRID_DAEMON_KEY" },
        stateFile: join(RUN_DIR, "zk-worker.state.json"),
        confirmations: 0,
        pollIntervalMs: 100,
        listen: { host: "127.0.0.1", port: PORT + 56 },
        endpoint: `http://127.0.0.1:${PORT + 56}`,
        logLevel: "info",
        models: [{ dir: modelDir, pricePerInputToken: "2000000000", pricePerOutputToken: "5000000000" }],
        stake: "10000000000000000000000",
        capacity: 2,
        minJobDuration: 30,
      }),
    );
    const worker = start(["worker/src/cli.ts", "worker", "start", "--config", config], {
      INFERGRID_DAEMON_KEY: keyOf(2),
    });
    started.push(worker);
    await worker.waitFor(/"msg":"serving"/);

    // The poster: Poseidon commitment as inputHash, features and salt sealed to the worker.
    const profile = (await publicClient.readContract({
      ...c.WorkerRegistry,
      functionName: "profile",
      args: [workerAddress],
    })) as { encryptionKey: Hex };
    const { payload, inputHash } = await zkJobInput([6.3, 3.3, 6.0, 2.5]);
    await wait(
      await poster.writeContract({
        ...c.GridToken,
        functionName: "approve",
        args: [d.JobMarket, 10n ** 18n],
      }),
    );
    const jobId = await publicClient.readContract({
      ...c.JobMarket,
      functionName: "nextJobId",
    });
    const block = await publicClient.getBlock();
    await wait(
      await poster.writeContract({
        ...c.JobMarket,
        functionName: "postJob",
        args: [
          {
            modelId,
            workers: [workerAddress],
            inputHash,
            encryptedInputs: [sealJson(profile.encryptionKey, payload)],
            inputURI: "",
            maxInputTokens: 4,
            maxOutputTokens: 1,
            maxPricePerInputToken: 2_000_000_000n,
            maxPricePerOutputToken: 5_000_000_000n,
            deadline: Number(block.timestamp) + 600,
          },
        ],
      }),
    );

    const job = await waitUntil(
      "the job to finalize",
      async () => {
        const j = await publicClient.readContract({
          ...c.JobMarket,
          functionName: "job",
          args: [jobId],
        });
        return j.status === JobStatus.Finalized ? j : undefined;
      },
      120_000,
    );
    assert.equal(job.escrow, 0n);
    const logs = parseEventLogs({
      abi: jobMarketAbi,
      eventName: "ResultProven",
      logs: await publicClient.getLogs({ address: d.JobMarket, fromBlock: block.number }),
    });
    assert.equal(logs.length, 1);
    assert.equal(logs[0]!.args.output, 2n); // virginica
    assert.equal(logs[0]!.args.worker.toLowerCase(), workerAddress.toLowerCase());
    const fee = 4n * 2_000_000_000n + 5_000_000_000n;
    assert.equal(
      await publicClient.readContract({
        ...c.JobMarket,
        functionName: "balanceOf",
        args: [workerAddress],
      }),
      (fee * 7_000n) / 10_000n,
    );
    assert.match(worker.output(), /result proven and finalized/);

    // The CLI posts the same kind of job: `infergrid job run --model iris-mlp --input ...`.
    const run = await cli(
      [
        "--rpc",
        RPC,
        "--deployment-id",
        `local-${PORT}`,
        "--json",
        "job",
        "run",
        "--model",
        "iris-mlp",
        "--input",
        "5.1,3.5,1.4,0.2",
      ],
      {
        INFERGRID_PRIVATE_KEY: keyOf(1),
      },
    );
    assert.equal(run.code, 0, run.out);
    const printed = JSON.parse(run.out.trim().split("\n").at(-1)!) as { output: string; label: string; worker: string };
    assert.equal(printed.output, "0");
    assert.equal(printed.label, "setosa");
    assert.equal(printed.worker.toLowerCase(), workerAddress.toLowerCase());
  });
});
