// Zero-knowledge spot checks: Groth16 proof time for the Iris classifier (warm, median), on-chain
// verification gas, proof size, and the gas of a whole proven job (verify + finalize + payout).
// Run: npm run bench:zk   (writes bench/results/zk.json)
import { readFileSync } from "node:fs";
import { encodeFunctionData, hexToBytes, toHex, type Hash } from "viem";
import { proveIris, releaseProver, verifyIris } from "@infergrid/circuits/prove";
import { quantForward, quantize, readOnnxMlp } from "@infergrid/circuits/mlp";
import { encodeZkInput, zkInputCommitment } from "@infergrid/circuits/commitment";
import { manifestHash, manifestSchema } from "@infergrid/engine/manifest";
import { PRICE_IN, PRICE_OUT, connectProtocol } from "@infergrid/contracts/testing";
import { report, type Metric } from "./lib/report.ts";

const RUNS = 9;
const MODEL_DIR = new URL("../models/iris-mlp/", import.meta.url).pathname;
const manifest = manifestHash(manifestSchema.parse(JSON.parse(readFileSync(`${MODEL_DIR}manifest.json`, "utf8"))));
const qmodel = quantize(readOnnxMlp(`${MODEL_DIR}onnx/model.onnx`));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { viem, networkHelpers, accounts, load, now, publicClient } = await connectProtocol();
const { poster, w1, creator } = accounts;
const c = await load();
const groth16 = await viem.deployContract("IrisGroth16Verifier");
const adapter = await viem.deployContract("ZkModelVerifier", [groth16.address, 3n]);
await c.modelRegistry.write.register(["iris-mlp", manifest, "models/iris-mlp", "tabular-classification/zk"], {
  account: creator.account,
});
const modelId = await c.modelRegistry.read.modelCount();
await networkHelpers.impersonateAccount(c.timelock.address);
await networkHelpers.setBalance(c.timelock.address, 10n ** 18n);
await c.modelRegistry.write.setZkVerifier([modelId, adapter.address], { account: c.timelock.address });
await c.workerRegistry.write.setModelPrice([modelId, PRICE_IN, PRICE_OUT], { account: w1.account });

async function gas(tx: Promise<Hash>): Promise<number> {
  const r = await publicClient.waitForTransactionReceipt({ hash: await tx });
  if (r.status !== "success") throw new Error(`transaction ${r.transactionHash} reverted`);
  return Number(r.gasUsed);
}

const samples = [
  [5.1, 3.5, 1.4, 0.2],
  [6.4, 3.2, 4.5, 1.5],
  [6.3, 3.3, 6.0, 2.5],
];
const proveMs: number[] = [];
const verifyMs: number[] = [];
const submitGas: number[] = [];
let verifyGas = 0;
let verifyTxGas = 0;
let proofJsonBytes = 0;
let calldataBytes = 0;
for (let i = 0; i <= RUNS; i++) {
  const features = samples[i % samples.length]!;
  const xq = encodeZkInput(features);
  const salt = 1000n + BigInt(i);
  const commitment = await zkInputCommitment(xq, salt);
  const output = quantForward(qmodel, xq).output;
  const jobId = await c.jobMarket.read.nextJobId();
  await c.jobMarket.write.postJob(
    [
      {
        modelId,
        workers: [w1.account.address],
        inputHash: commitment,
        encryptedInputs: [toHex("ciphertext")],
        inputURI: "",
        maxInputTokens: 4,
        maxOutputTokens: 1,
        maxPricePerInputToken: PRICE_IN,
        maxPricePerOutputToken: PRICE_OUT,
        deadline: Number((await now()) + 600n),
      },
    ],
    { account: poster.account },
  );
  const t0 = performance.now();
  const { proof, publicSignals, calldata } = await proveIris({
    jobId,
    manifestHash: manifest,
    xq,
    salt,
    inputCommitment: commitment,
    predictedClass: output,
  });
  const t1 = performance.now();
  if (!(await verifyIris(proof, publicSignals))) throw new Error("snarkjs rejected its own proof");
  const t2 = performance.now();
  const p = calldata as unknown as readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  if (i === 0) {
    // Warm-up run: not timed. Verification gas: a transaction that only calls the adapter.
    // The standalone transaction pays 21,000 intrinsic gas and its calldata (EIP-2028: 16 per
    // non-zero byte, 4 per zero byte); inside submitResultWithProof neither applies, so the
    // verification's own cost is the rest.
    const data = encodeFunctionData({
      abi: adapter.abi,
      functionName: "verify",
      args: [jobId, manifest, commitment, BigInt(output), p],
    });
    verifyTxGas = Number(await publicClient.estimateGas({ account: w1.account.address, to: adapter.address, data }));
    const bytes = hexToBytes(data);
    const calldataGas = bytes.reduce((s, b) => s + (b === 0 ? 4 : 16), 0);
    verifyGas = verifyTxGas - 21_000 - calldataGas;
    proofJsonBytes = Buffer.byteLength(JSON.stringify(proof));
    calldataBytes = calldata.length * 32;
  } else {
    proveMs.push(t1 - t0);
    verifyMs.push(t2 - t1);
  }
  submitGas.push(
    await gas(c.jobMarket.write.submitResultWithProof([jobId, BigInt(output), p, "", 4, 1], { account: w1.account })),
  );
}
await releaseProver();

const metrics: Metric[] = [
  { metric: "prove_ms_median_warm", value: Math.round(median(proveMs)), unit: "ms", goal: "<= 1000" },
  { metric: "verify_gas", value: verifyGas, unit: "gas", goal: "<= 230000" },
  { metric: "verify_tx_gas_standalone", value: verifyTxGas, unit: "gas" },
  { metric: "proof_size_bytes", value: calldataBytes, unit: "bytes" },
  { metric: "proof_json_bytes", value: proofJsonBytes, unit: "bytes" },
  { metric: "submit_with_proof_gas_median", value: median(submitGas.slice(1)), unit: "gas" },
  { metric: "snarkjs_verify_ms_median", value: Math.round(median(verifyMs)), unit: "ms" },
];
report("zk", metrics);
process.exit(0);
