/**
 * The zk-provable MLP classifier: ONNX I/O, integer quantization and integer inference.
 *
 * One module is the single source of truth for the quantized model: training reports its
 * accuracy, the circuit generator turns its weights into constraints, and the worker and the
 * tests compute the output a proof must match. Weights always come from the ONNX file.
 *
 * Quantization (symmetric, per tensor, no rescaling inside the network, so the circuit needs
 * no division):
 *   x_q  = round(x * INPUT_SCALE)                       (features are given to 0.1 cm)
 *   W1_q = round(W1 * s1),  s1 = 127 / max|W1|          (int8 range)
 *   b1_q = round(b1 * INPUT_SCALE * s1)
 *   h_q  = relu(W1_q x_q + b1_q)                        (scale INPUT_SCALE * s1)
 *   W2_q = round(W2 * s2),  s2 = 127 / max|W2|
 *   b2_q = round(b2 * INPUT_SCALE * s1 * s2)
 *   y_q  = W2_q h_q + b2_q                              (scale INPUT_SCALE * s1 * s2)
 *   class = first index of max(y_q)
 */
import { readFileSync } from "node:fs";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/** Features are given in centimetres with one decimal: x10 makes them exact integers. */
export const INPUT_SCALE = 10;
/** Largest quantized feature the circuit accepts (8-bit range check): 25.5 cm. */
export const MAX_INPUT_Q = 255;
export const INT8_MAX = 127;

export type FloatMlp = { w1: number[][]; b1: number[]; w2: number[][]; b2: number[] }; // w[out][in]
export type QuantMlp = { w1: bigint[][]; b1: bigint[]; w2: bigint[][]; b2: bigint[]; s1: number; s2: number };

export function floatForward(m: FloatMlp, x: number[]): { hidden: number[]; logits: number[] } {
  const hidden = m.w1.map((row, j) =>
    Math.max(
      0,
      row.reduce((s, w, i) => s + w * x[i]!, m.b1[j]!),
    ),
  );
  const logits = m.w2.map((row, k) => row.reduce((s, w, j) => s + w * hidden[j]!, m.b2[k]!));
  return { hidden, logits };
}

export function argmax<T extends number | bigint>(v: T[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

export function quantizeInput(x: number[]): bigint[] {
  return x.map((v) => {
    const q = Math.round(v * INPUT_SCALE);
    if (!Number.isFinite(q) || q < 0 || q > MAX_INPUT_Q)
      throw new RangeError(`feature ${v} outside 0..${MAX_INPUT_Q / INPUT_SCALE}`);
    return BigInt(q);
  });
}

export function quantize(m: FloatMlp): QuantMlp {
  const maxAbs = (w: number[][]) => Math.max(...w.flat().map(Math.abs));
  const s1 = INT8_MAX / maxAbs(m.w1);
  const s2 = INT8_MAX / maxAbs(m.w2);
  const q = (v: number) => BigInt(Math.round(v));
  return {
    w1: m.w1.map((r) => r.map((w) => q(w * s1))),
    b1: m.b1.map((b) => q(b * INPUT_SCALE * s1)),
    w2: m.w2.map((r) => r.map((w) => q(w * s2))),
    b2: m.b2.map((b) => q(b * INPUT_SCALE * s1 * s2)),
    s1,
    s2,
  };
}

export function quantForward(m: QuantMlp, xq: bigint[]): { hidden: bigint[]; logits: bigint[]; output: number } {
  const hidden = m.w1.map((row, j) => {
    const v = row.reduce((s, w, i) => s + w * xq[i]!, m.b1[j]!);
    return v > 0n ? v : 0n;
  });
  const logits = m.w2.map((row, k) => row.reduce((s, w, j) => s + w * hidden[j]!, m.b2[k]!));
  return { hidden, logits, output: argmax(logits) };
}

// ------------------------------------------------------------------ ONNX

const F = onnx.TensorProto.DataType.FLOAT;

function tensor(name: string, dims: number[], values: number[]): InstanceType<typeof onnx.TensorProto> {
  const data = new Float32Array(values);
  return onnx.TensorProto.create({ name, dims, dataType: F, rawData: new Uint8Array(data.buffer) });
}

/** Gemm(transB=1) -> Relu -> Gemm(transB=1): input `features` [N,4], output `logits` [N,3]. */
export function encodeOnnx(m: FloatMlp): Uint8Array {
  const nIn = m.w1[0]!.length;
  const nHidden = m.w1.length;
  const nOut = m.w2.length;
  const attrInt = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const value = (name: string, d: (string | number)[]) => ({
    name,
    type: {
      tensorType: {
        elemType: F,
        shape: { dim: d.map((x) => (typeof x === "string" ? { dimParam: x } : { dimValue: x })) },
      },
    },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "infergrid-circuits-train",
    producerVersion: "1",
    opsetImport: [{ domain: "", version: 17 }],
    graph: {
      name: "iris_mlp",
      node: [
        {
          opType: "Gemm",
          name: "fc1",
          input: ["features", "fc1.weight", "fc1.bias"],
          output: ["fc1_out"],
          attribute: [attrInt("transB", 1)],
        },
        { opType: "Relu", name: "relu1", input: ["fc1_out"], output: ["hidden"] },
        {
          opType: "Gemm",
          name: "fc2",
          input: ["hidden", "fc2.weight", "fc2.bias"],
          output: ["logits"],
          attribute: [attrInt("transB", 1)],
        },
      ],
      initializer: [
        tensor("fc1.weight", [nHidden, nIn], m.w1.flat()),
        tensor("fc1.bias", [nHidden], m.b1),
        tensor("fc2.weight", [nOut, nHidden], m.w2.flat()),
        tensor("fc2.bias", [nOut], m.b2),
      ],
      input: [value("features", ["batch", nIn])],
      output: [value("logits", ["batch", nOut])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Reads the two Gemm layers' weights back from an ONNX file written by `encodeOnnx`. */
export function readOnnxMlp(path: string): FloatMlp {
  const model = onnx.ModelProto.decode(readFileSync(path));
  const graph = model.graph!;
  const ops = graph.node!.map((n) => n.opType);
  if (ops.join(",") !== "Gemm,Relu,Gemm") throw new Error(`expected Gemm,Relu,Gemm, got ${ops.join(",")}`);
  const inits = new Map(graph.initializer!.map((t) => [t.name!, t]));
  const read = (name: string): { dims: number[]; values: number[] } => {
    const t = inits.get(name);
    if (!t || t.dataType !== F) throw new Error(`missing float initializer ${name}`);
    const raw = t.rawData!;
    const values = Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
    return { dims: t.dims!.map(Number), values };
  };
  const matrix = (name: string) => {
    const { dims, values } = read(name);
    const [rows, cols] = dims as [number, number];
    return Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols));
  };
  const gemm = graph.node!.filter((n) => n.opType === "Gemm");
  for (const g of gemm) {
    const transB = g.attribute?.find((a) => a.name === "transB");
    if (Number(transB?.i ?? 0) !== 1) throw new Error("expected Gemm with transB=1");
  }
  return {
    w1: matrix(gemm[0]!.input![1]!),
    b1: read(gemm[0]!.input![2]!).values,
    w2: matrix(gemm[1]!.input![1]!),
    b2: read(gemm[1]!.input![2]!).values,
  };
}
