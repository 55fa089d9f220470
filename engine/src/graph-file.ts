import { open, type FileHandle } from "node:fs/promises";
import { UnsupportedGraphError } from "./errors.ts";

/**
 * What the engine needs to know about an ONNX file that onnxruntime's session does not tell:
 * which operators it uses and which external data files its initializers live in. Read by
 * walking the protobuf wire format with positional reads, so a multi-GB model.onnx with inline
 * weights is never loaded into memory: tensor payloads are skipped, not read.
 */
export type GraphFileInfo = {
  /** op types of every node, subgraphs (If/Loop bodies) included, as "domain:op" or "op" */
  readonly opTypes: ReadonlySet<string>;
  /** external data locations, as written in the file (relative to the .onnx file's folder) */
  readonly externalDataFiles: readonly string[];
};

/**
 * Operators whose output for one row depends on the other rows of the same run: dynamic
 * quantization picks one activation scale for the whole tensor. Their graphs give different
 * logits for a token whether it runs alone (KV-cached generation) or among the prompt and the
 * other output tokens (a single teacher-forced pass), so verification replays the generation's
 * steps instead (see model.ts).
 */
export const ROW_COUPLED_OPS = ["DynamicQuantizeLinear", "com.microsoft:DynamicQuantizeMatMul"] as const;

const CHUNK = 1 << 16;

class Reader {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  private readonly fh: FileHandle;
  readonly size: number;
  constructor(fh: FileHandle, size: number) {
    this.fh = fh;
    this.size = size;
  }

  async byte(pos: number): Promise<number> {
    if (pos < this.bufStart || pos >= this.bufStart + this.buf.length) {
      const { buffer, bytesRead } = await this.fh.read(Buffer.alloc(CHUNK), 0, CHUNK, pos);
      this.buf = buffer.subarray(0, bytesRead);
      this.bufStart = pos;
      if (bytesRead === 0) throw new UnsupportedGraphError(`ONNX file ends early (at byte ${pos})`);
    }
    return this.buf[pos - this.bufStart]!;
  }

  async varint(pos: number): Promise<[value: number, next: number]> {
    let value = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = await this.byte(pos + i);
      value += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return [value, pos + i + 1];
    }
    throw new UnsupportedGraphError(`malformed varint at byte ${pos} of the ONNX file`);
  }

  async bytes(start: number, end: number): Promise<Buffer> {
    const out = Buffer.alloc(end - start);
    const { bytesRead } = await this.fh.read(out, 0, out.length, start);
    if (bytesRead !== out.length) throw new UnsupportedGraphError("ONNX file ends early");
    return out;
  }
}

type Field = { field: number; wire: number; start: number; end: number; value: number };

/** Calls `visit` for each field of the message in [start, end); length-delimited fields give their payload range. */
async function fields(r: Reader, start: number, end: number, visit: (f: Field) => Promise<void> | void): Promise<void> {
  let pos = start;
  while (pos < end) {
    const [tag, afterTag] = await r.varint(pos);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let f: Field;
    if (wire === 0) {
      const [value, next] = await r.varint(afterTag);
      f = { field, wire, start: afterTag, end: next, value };
    } else if (wire === 1) f = { field, wire, start: afterTag, end: afterTag + 8, value: 0 };
    else if (wire === 5) f = { field, wire, start: afterTag, end: afterTag + 4, value: 0 };
    else if (wire === 2) {
      const [len, payload] = await r.varint(afterTag);
      f = { field, wire, start: payload, end: payload + len, value: len };
    } else throw new UnsupportedGraphError(`unsupported protobuf wire type ${wire} in the ONNX file`);
    if (f.end > end) throw new UnsupportedGraphError("ONNX file is truncated or not an ONNX model");
    await visit(f);
    pos = f.end;
  }
}

const text = async (r: Reader, f: Field) => (await r.bytes(f.start, f.end)).toString("utf8");

// Field numbers from onnx.proto: ModelProto.graph 7; GraphProto.node 1, initializer 5;
// NodeProto.op_type 4, attribute 5, domain 7; AttributeProto.g 6, graphs 11;
// TensorProto.raw_data 9, external_data 13, data_location 14; StringStringEntryProto key 1, value 2.
async function walkGraph(r: Reader, start: number, end: number, ops: Set<string>, ext: Set<string>): Promise<void> {
  await fields(r, start, end, async (f) => {
    if (f.wire !== 2) return;
    if (f.field === 1) {
      let op = "";
      let domain = "";
      const subgraphs: Field[] = [];
      await fields(r, f.start, f.end, async (n) => {
        if (n.field === 4 && n.wire === 2) op = await text(r, n);
        else if (n.field === 7 && n.wire === 2) domain = await text(r, n);
        else if (n.field === 5 && n.wire === 2) {
          await fields(r, n.start, n.end, (a) => {
            if ((a.field === 6 || a.field === 11) && a.wire === 2) subgraphs.push(a);
          });
        }
      });
      ops.add(domain && domain !== "ai.onnx" ? `${domain}:${op}` : op);
      for (const g of subgraphs) await walkGraph(r, g.start, g.end, ops, ext);
    } else if (f.field === 5) {
      let external = false;
      let location: string | null = null;
      await fields(r, f.start, f.end, async (t) => {
        if (t.field === 14 && t.wire === 0) external = t.value === 1;
        else if (t.field === 13 && t.wire === 2) {
          let key = "";
          let value = "";
          await fields(r, t.start, t.end, async (e) => {
            if (e.field === 1 && e.wire === 2) key = await text(r, e);
            else if (e.field === 2 && e.wire === 2) value = await text(r, e);
          });
          if (key === "location") location = value;
        }
      });
      if (external) {
        if (location === null) throw new UnsupportedGraphError("an external initializer has no location");
        ext.add(location);
      }
    }
  });
}

export async function inspectGraphFile(path: string): Promise<GraphFileInfo> {
  const fh = await open(path, "r");
  try {
    const r = new Reader(fh, (await fh.stat()).size);
    const ops = new Set<string>();
    const ext = new Set<string>();
    let graphs = 0;
    await fields(r, 0, r.size, async (f) => {
      if (f.field === 7 && f.wire === 2) {
        graphs++;
        await walkGraph(r, f.start, f.end, ops, ext);
      }
    });
    if (graphs !== 1) throw new UnsupportedGraphError(`${path} holds ${graphs} graphs, expected one`);
    return { opTypes: ops, externalDataFiles: [...ext].sort() };
  } finally {
    await fh.close();
  }
}
