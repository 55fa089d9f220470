import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { encodeAbiParameters, keccak256, toHex, type Address, type Hex } from "viem";
import { proveIris, releaseProver } from "@infergrid/circuits/prove";
import { quantForward, quantize, readOnnxMlp } from "@infergrid/circuits/mlp";
import { encodeZkInput, zkInputCommitment } from "@infergrid/circuits/commitment";
import { PRICE_IN, PRICE_OUT, connectProtocol, type Protocol } from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, load, now } = await connectProtocol();
const { poster, w1, w2, creator, other } = accounts;
const { assertions } = viem;

const MODEL_DIR = new URL("../../../models/iris-mlp/", import.meta.url).pathname;
// The circuit binds whatever hash the model is registered under; the contract path does not
// depend on it being the folder's manifest hash (the worker's zk test checks that one).
const IRIS_HASH = keccak256(toHex("iris-mlp manifest"));
const OTHER_HASH = keccak256(toHex("another zk model"));
const QMODEL = quantize(readOnnxMlp(`${MODEL_DIR}onnx/model.onnx`));
const IRIS = 2n; // model ids: 1 = tiny-gpt2 (fixture), 2 = iris-mlp, 3 = another model on the same circuit
const OTHER = 3n;
const IN_TOKENS = 4;
const OUT_TOKENS = 1;
const Status = { Open: 1, Finalized: 4 } as const;

const SETOSA = [5.1, 3.5, 1.4, 0.2];
const VIRGINICA = [6.3, 3.3, 6.0, 2.5];

async function deployZk() {
  const c = await load();
  const groth16 = await viem.deployContract("IrisGroth16Verifier");
  const adapter = await viem.deployContract("ZkModelVerifier", [groth16.address, 3n]);
  await c.modelRegistry.write.register(["iris-mlp", IRIS_HASH, "models/iris-mlp", "tabular-classification/zk"], {
    account: creator.account,
  });
  await c.modelRegistry.write.register(["other-zk", OTHER_HASH, "", "tabular-classification/zk"], {
    account: creator.account,
  });
  await networkHelpers.impersonateAccount(c.timelock.address);
  await networkHelpers.setBalance(c.timelock.address, 10n ** 18n);
  for (const id of [IRIS, OTHER]) {
    await c.modelRegistry.write.setZkVerifier([id, adapter.address], { account: c.timelock.address });
    for (const w of [w1, w2])
      await c.workerRegistry.write.setModelPrice([id, PRICE_IN, PRICE_OUT], { account: w.account });
  }
  return { c, adapter, groth16 };
}

async function post(c: Protocol, inputHash: Hex, o: { modelId?: bigint; workers?: Address[] } = {}): Promise<bigint> {
  const workers = o.workers ?? [w1.account.address];
  const id = await c.jobMarket.read.nextJobId();
  await c.jobMarket.write.postJob(
    [
      {
        modelId: o.modelId ?? IRIS,
        workers,
        inputHash,
        encryptedInputs: workers.map((_, i) => toHex(`ciphertext-${i}`)),
        inputURI: "",
        maxInputTokens: 10,
        maxOutputTokens: 10,
        maxPricePerInputToken: PRICE_IN,
        maxPricePerOutputToken: PRICE_OUT,
        deadline: Number((await now()) + 600n),
      },
    ],
    { account: poster.account },
  );
  return id;
}

/** A proof for `features` on job `jobId` of the model with `manifest`, with its input commitment. */
async function prove(features: number[], jobId: bigint, manifest: Hex = IRIS_HASH, salt = 987654321n) {
  const xq = encodeZkInput(features);
  const commitment = await zkInputCommitment(xq, salt);
  const output = quantForward(QMODEL, xq).output;
  const { calldata } = await proveIris({
    jobId,
    manifestHash: manifest,
    xq,
    salt,
    inputCommitment: commitment,
    predictedClass: output,
  });
  return {
    commitment,
    output: BigInt(output),
    proof: calldata as unknown as readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint],
  };
}

describe("Zero-knowledge spot checks", () => {
  after(releaseProver);

  it("ModelRegistry: only the timelock sets a model's zk verifier, with an event", async () => {
    const { c, adapter } = await deployZk();
    assert.equal((await c.modelRegistry.read.zkVerifierOf([IRIS])).toLowerCase(), adapter.address.toLowerCase());
    assert.equal(await c.modelRegistry.read.zkVerifierOf([1n]), "0x0000000000000000000000000000000000000000");
    await assertions.revertWithCustomErrorWithArgs(
      c.modelRegistry.write.setZkVerifier([IRIS, other.account.address], { account: other.account }),
      c.modelRegistry,
      "OwnableUnauthorizedAccount",
      [other.account.address],
    );
    await assertions.revertWithCustomErrorWithArgs(
      c.modelRegistry.write.setZkVerifier([99n, adapter.address], { account: c.timelock.address }),
      c.modelRegistry,
      "UnknownModel",
      [99n],
    );
    await assertions.emitWithArgs(
      c.modelRegistry.write.setZkVerifier([1n, adapter.address], { account: c.timelock.address }),
      c.modelRegistry,
      "ZkVerifierSet",
      [1n, adapter.address],
    );
  });

  it("a valid proof finalizes the job at once and pays 70/20/10 to the wei", async () => {
    const { c } = await deployZk();
    const jobId = await c.jobMarket.read.nextJobId();
    const { commitment, output, proof } = await prove(VIRGINICA, jobId);
    assert.equal(output, 2n);
    assert.equal(await post(c, commitment), jobId);
    const escrow = (await c.jobMarket.read.job([jobId])).escrow;
    const treasury = await c.config.read.treasury();
    const before = await Promise.all(
      [w1.account.address, creator.account.address, treasury, poster.account.address].map((a) =>
        c.jobMarket.read.balanceOf([a]),
      ),
    );
    const tx = c.jobMarket.write.submitResultWithProof(
      [jobId, output, proof, "class:virginica", IN_TOKENS, OUT_TOKENS],
      { account: w1.account },
    );
    await assertions.emitWithArgs(tx, c.jobMarket, "ResultProven", [jobId, w1.account.address, 2n]);
    const job = await c.jobMarket.read.job([jobId]);
    assert.equal(job.status, Status.Finalized);
    assert.equal(job.escrow, 0n);
    const [a] = await c.jobMarket.read.assignments([jobId]);
    assert.equal(
      a!.commitment,
      keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [jobId, output])),
    );
    const after = await Promise.all(
      [w1.account.address, creator.account.address, treasury, poster.account.address].map((x) =>
        c.jobMarket.read.balanceOf([x]),
      ),
    );
    const fee = BigInt(IN_TOKENS) * PRICE_IN + BigInt(OUT_TOKENS) * PRICE_OUT;
    assert.equal(after[0]! - before[0]!, (fee * 7_000n) / 10_000n);
    assert.equal(after[1]! - before[1]!, (fee * 2_000n) / 10_000n);
    assert.equal(after[2]! - before[2]!, fee - (fee * 7_000n) / 10_000n - (fee * 2_000n) / 10_000n);
    assert.equal(after[3]! - before[3]!, escrow - fee);
    // The job is settled: the same proof cannot be submitted twice.
    await assertions.revertWithCustomError(
      c.jobMarket.write.submitResultWithProof([jobId, output, proof, "", IN_TOKENS, OUT_TOKENS], {
        account: w1.account,
      }),
      c.jobMarket,
      "JobNotOpen",
    );
  });

  it("rejects a proof for another output, input commitment or model, and one replayed on another job", async () => {
    const { c } = await deployZk();
    const jobId = await c.jobMarket.read.nextJobId();
    const { commitment, output, proof } = await prove(SETOSA, jobId);
    assert.equal(output, 0n);
    await post(c, commitment);
    const submit = (id: bigint, out: bigint) =>
      c.jobMarket.write.submitResultWithProof([id, out, proof, "", IN_TOKENS, OUT_TOKENS], { account: w1.account });
    // Another output: the proof says class 0.
    await assertions.revertWithCustomErrorWithArgs(submit(jobId, 1n), c.jobMarket, "InvalidProof", [jobId]);
    await assertions.revertWithCustomErrorWithArgs(submit(jobId, 7n), c.jobMarket, "InvalidProof", [jobId]);

    // Another input commitment: a job whose inputHash commits to other features (same id slot).
    const other = await prove(VIRGINICA, jobId + 1n);
    const otherInputJob = await post(c, other.commitment);
    const forOtherInput = await prove(SETOSA, otherInputJob); // right job id, wrong (setosa) commitment
    await assertions.revertWithCustomErrorWithArgs(
      c.jobMarket.write.submitResultWithProof(
        [otherInputJob, forOtherInput.output, forOtherInput.proof, "", IN_TOKENS, OUT_TOKENS],
        { account: w1.account },
      ),
      c.jobMarket,
      "InvalidProof",
      [otherInputJob],
    );

    // Another model: same circuit and verifier, but the proof names the iris manifest.
    const otherModelJob = await c.jobMarket.read.nextJobId();
    const wrongModel = await prove(SETOSA, otherModelJob, IRIS_HASH);
    await post(c, wrongModel.commitment, { modelId: OTHER });
    await assertions.revertWithCustomErrorWithArgs(
      c.jobMarket.write.submitResultWithProof(
        [otherModelJob, wrongModel.output, wrongModel.proof, "", IN_TOKENS, OUT_TOKENS],
        { account: w1.account },
      ),
      c.jobMarket,
      "InvalidProof",
      [otherModelJob],
    );
    // ... while a proof naming that model's own hash is accepted.
    const rightModel = await prove(SETOSA, otherModelJob, OTHER_HASH);
    await c.jobMarket.write.submitResultWithProof(
      [otherModelJob, rightModel.output, rightModel.proof, "", IN_TOKENS, OUT_TOKENS],
      { account: w1.account },
    );
    assert.equal((await c.jobMarket.read.job([otherModelJob])).status, Status.Finalized);

    // Replay: the first job's proof on a new job with the same model and the same input commitment.
    const replayJob = await post(c, commitment);
    await assertions.revertWithCustomErrorWithArgs(submit(replayJob, output), c.jobMarket, "InvalidProof", [replayJob]);
    // The original job still takes its own proof.
    await submit(jobId, output);
    assert.equal((await c.jobMarket.read.job([jobId])).status, Status.Finalized);
    assert.equal((await c.jobMarket.read.job([replayJob])).status, Status.Open);
  });

  it("only R = 1 jobs on zk models take proofs, only from the named worker", async () => {
    const { c } = await deployZk();
    const { commitment, output, proof } = await prove(SETOSA, 1n);
    const args = (id: bigint) => [id, output, proof, "", IN_TOKENS, OUT_TOKENS] as const;
    const plain = await post(c, commitment, { modelId: 1n });
    await assertions.revertWithCustomErrorWithArgs(
      c.jobMarket.write.submitResultWithProof(args(plain), { account: w1.account }),
      c.jobMarket,
      "NotZkJob",
      [plain],
    );
    const redundant = await post(c, commitment, { workers: [w1.account.address, w2.account.address] });
    await assertions.revertWithCustomErrorWithArgs(
      c.jobMarket.write.submitResultWithProof(args(redundant), { account: w1.account }),
      c.jobMarket,
      "NotZkJob",
      [redundant],
    );
    const zk = await post(c, commitment);
    await assertions.revertWithCustomErrorWithArgs(
      c.jobMarket.write.submitResultWithProof(args(zk), { account: w2.account }),
      c.jobMarket,
      "NotAssigned",
      [zk, w2.account.address],
    );
  });

  it("quantized accuracy is within 2 points of float on the held-out split", () => {
    const m = JSON.parse(readFileSync(`${MODEL_DIR}metrics.json`, "utf8")) as Record<string, number>;
    assert.equal(m.testSize, 30);
    assert.ok(m.floatTestAccuracy! >= 0.9, `float accuracy ${m.floatTestAccuracy}`);
    assert.ok(Math.abs(m.floatTestAccuracy! - m.quantizedTestAccuracy!) <= 0.02, JSON.stringify(m));
  });
});
