// Runs graph-cli-built AssemblyScript mappings (runtime "stub", exported runtime) in Node with
// the graph-ts host functions they import, reading and writing AssemblyScript objects in the
// module's memory the way graph-node does. Any import this host does not provide fails loudly,
// naming the function, the first time the mapping calls it.
import { keccak256 } from "viem";
import type { FieldInfo } from "./entities.ts";
import type { EntityData, EntityStore, StoredValue } from "./store.ts";

// graph-ts TypeId discriminants (global/global.ts), resolved to class ids through id_of_type.
export const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringStoreValue: 21,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  EthereumValue: 30,
  StoreValue: 31,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapStringStoreValue: 36,
} as const;

// graph-ts common/value.ts ValueKind
const SV = {
  STRING: 0,
  INT: 1,
  BIGDECIMAL: 2,
  BOOL: 3,
  ARRAY: 4,
  NULL: 5,
  BYTES: 6,
  BIGINT: 7,
  INT8: 8,
  TIMESTAMP: 9,
} as const;
// graph-ts chain/ethereum.ts ValueKind
const EV = {
  ADDRESS: 0,
  FIXED_BYTES: 1,
  BYTES: 2,
  INT: 3,
  UINT: 4,
  BOOL: 5,
  STRING: 6,
  FIXED_ARRAY: 7,
  ARRAY: 8,
  TUPLE: 9,
} as const;

export type Hex = `0x${string}`;
export type EthValue =
  | { kind: "address" | "fixedBytes" | "bytes"; value: Hex }
  | { kind: "int" | "uint"; value: bigint }
  | { kind: "bool"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "array" | "fixedArray" | "tuple"; value: EthValue[] };

export type BlockData = {
  hash: Hex;
  parentHash: Hex;
  number: bigint;
  timestamp: bigint;
  author?: Hex;
  gasUsed?: bigint;
  gasLimit?: bigint;
  baseFeePerGas?: bigint | null;
};
export type TxData = {
  hash: Hex;
  index: bigint;
  from: Hex;
  to: Hex | null;
  value?: bigint;
  gasLimit?: bigint;
  gasPrice?: bigint;
  input?: Hex;
  nonce?: bigint;
};
export type EventData = {
  address: Hex;
  logIndex: bigint;
  transactionLogIndex: bigint;
  block: BlockData;
  transaction: TxData;
  params: { name: string; value: EthValue }[];
};

export class UnsupportedHostFunctionError extends Error {
  override name = "UnsupportedHostFunctionError";
  readonly fn: string;
  constructor(fn: string) {
    super(`The mapping called host function "${fn}", which this local host does not implement`);
    this.fn = fn;
  }
}

export class MappingAbort extends Error {
  override name = "MappingAbort";
}

// biome-ignore lint/suspicious/noConfusingVoidType: host functions that return nothing are typed void by their authors
type HostFn = (...args: number[]) => number | bigint | void;
export type HostFunctions = Record<string, HostFn>;

const ZERO32 = `0x${"00".repeat(32)}` as Hex;
const ZERO20 = `0x${"00".repeat(20)}` as Hex;

export function hexToBytes(hex: string): Uint8Array {
  const h = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || /[^0-9a-fA-F]/.test(h)) throw new MappingAbort(`Not a hex string: ${hex}`);
  return Uint8Array.from(Buffer.from(h, "hex"));
}

export function bytesToHex(bytes: Uint8Array): Hex {
  return `0x${Buffer.from(bytes).toString("hex")}`;
}

/** Little-endian two's complement, as graph-ts BigInt stores it. */
export function bigIntToBytes(n: bigint): Uint8Array {
  if (n === 0n) return new Uint8Array(0);
  const out: number[] = [];
  let v = n;
  for (;;) {
    const byte = Number(v & 0xffn);
    out.push(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) v -= 1n << BigInt(bytes.length * 8);
  return v;
}

// ---------------------------------------------------------------- BigDecimal

export type Decimal = { digits: bigint; exp: bigint };
const PRECISION = 34; // graph-node keeps 34 significant digits

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

export function normalizeDecimal(d: Decimal): Decimal {
  if (d.digits === 0n) return { digits: 0n, exp: 0n };
  let { digits, exp } = d;
  const extra = digitCount(digits) - PRECISION;
  if (extra > 0) {
    const div = 10n ** BigInt(extra);
    const q = digits / div;
    const r = digits % div;
    const half = div / 2n;
    digits = (r < 0n ? -r : r) >= half ? q + (digits < 0n ? -1n : 1n) : q;
    exp += BigInt(extra);
  }
  while (digits !== 0n && digits % 10n === 0n) {
    digits /= 10n;
    exp += 1n;
  }
  return { digits, exp };
}

export function decimalToString(d: Decimal): string {
  const { digits, exp } = normalizeDecimal(d);
  if (exp >= 0n) return (digits * 10n ** exp).toString();
  const neg = digits < 0n;
  let s = (neg ? -digits : digits).toString();
  const places = Number(-exp);
  if (s.length <= places) s = "0".repeat(places - s.length + 1) + s;
  const out = `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`.replace(/\.?0+$/, "");
  return neg ? `-${out}` : out;
}

export function decimalFromString(s: string): Decimal {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new MappingAbort(`Not a decimal number: ${JSON.stringify(s)}`);
  const frac = m[3] ?? "";
  const digits = BigInt(`${m[1]}${m[2] || "0"}${frac}`);
  return normalizeDecimal({ digits, exp: BigInt(m[4] ?? 0) - BigInt(frac.length) });
}

function alignDecimals(a: Decimal, b: Decimal): [bigint, bigint, bigint] {
  const exp = a.exp < b.exp ? a.exp : b.exp;
  return [a.digits * 10n ** (a.exp - exp), b.digits * 10n ** (b.exp - exp), exp];
}

export const decimalOps = {
  plus: (a: Decimal, b: Decimal): Decimal => {
    const [x, y, exp] = alignDecimals(a, b);
    return normalizeDecimal({ digits: x + y, exp });
  },
  minus: (a: Decimal, b: Decimal): Decimal => {
    const [x, y, exp] = alignDecimals(a, b);
    return normalizeDecimal({ digits: x - y, exp });
  },
  times: (a: Decimal, b: Decimal): Decimal => normalizeDecimal({ digits: a.digits * b.digits, exp: a.exp + b.exp }),
  dividedBy: (a: Decimal, b: Decimal): Decimal => {
    if (b.digits === 0n) throw new MappingAbort("BigDecimal division by zero");
    const scale = BigInt(PRECISION + 2 + digitCount(b.digits));
    return normalizeDecimal({ digits: (a.digits * 10n ** scale) / b.digits, exp: a.exp - b.exp - scale });
  },
  equals: (a: Decimal, b: Decimal): boolean => {
    const [x, y] = alignDecimals(normalizeDecimal(a), normalizeDecimal(b));
    return x === y;
  },
};

// ---------------------------------------------------------------- memory access

type Exports = {
  memory: WebAssembly.Memory;
  __new: (size: number, id: number) => number;
  id_of_type: (typeId: number) => number;
  _start?: () => void;
} & Record<string, unknown>;

/** One instantiated mapping module and its memory. */
export class AscInstance {
  readonly instance: WebAssembly.Instance;
  readonly exports: Exports;
  private ids = new Map<number, number>();

  constructor(module: WebAssembly.Module, host: HostFunctions) {
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind !== "function") throw new UnsupportedHostFunctionError(`${imp.module}.${imp.name} (${imp.kind})`);
      const fn = host[imp.name];
      (imports[imp.module] ??= {})[imp.name] =
        fn ??
        (() => {
          throw new UnsupportedHostFunctionError(imp.name);
        });
    }
    this.instance = new WebAssembly.Instance(module, imports);
    this.exports = this.instance.exports as unknown as Exports;
  }

  /** Runs the module's top-level code (compiled with --explicitStart); host calls may happen. */
  start(): this {
    this.exports._start?.();
    return this;
  }

  // The memory may grow during any call, so views are taken fresh each time.
  private view(): DataView {
    return new DataView(this.exports.memory.buffer);
  }

  u32(ptr: number): number {
    return this.view().getUint32(ptr, true);
  }

  classId(typeId: number): number {
    let id = this.ids.get(typeId);
    if (id === undefined) {
      id = this.exports.id_of_type(typeId);
      this.ids.set(typeId, id);
    }
    return id;
  }

  private alloc(size: number, typeId: number): number {
    return this.exports.__new(size, this.classId(typeId));
  }

  // ---- reading
  readString(ptr: number): string {
    if (ptr === 0) throw new MappingAbort("null string");
    const len = this.u32(ptr - 4);
    return Buffer.from(this.exports.memory.buffer, ptr, len).toString("utf16le");
  }

  readNullableString(ptr: number): string | null {
    return ptr === 0 ? null : this.readString(ptr);
  }

  /** A Uint8Array (Bytes, Address, BigInt): { buffer, dataStart, byteLength }. */
  readBytes(ptr: number): Uint8Array {
    const dataStart = this.u32(ptr + 4);
    const len = this.u32(ptr + 8);
    return new Uint8Array(this.exports.memory.buffer.slice(dataStart, dataStart + len));
  }

  readBigInt(ptr: number): bigint {
    return bytesToBigInt(this.readBytes(ptr));
  }

  readDecimal(ptr: number): Decimal {
    return { digits: this.readBigInt(this.u32(ptr)), exp: this.readBigInt(this.u32(ptr + 4)) };
  }

  /** Array<T> of pointers: { buffer, dataStart, byteLength, length }. */
  readPtrArray(ptr: number): number[] {
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 12);
    const out: number[] = [];
    for (let i = 0; i < length; i++) out.push(this.u32(dataStart + 4 * i));
    return out;
  }

  /** A Value-like object: { kind: i32, data: u64 }. */
  readKindData(ptr: number): { kind: number; data: bigint } {
    const v = this.view();
    return { kind: v.getInt32(ptr, true), data: v.getBigUint64(ptr + 8, true) };
  }

  // ---- writing
  newString(s: string): number {
    const buf = Buffer.from(s, "utf16le");
    const ptr = this.alloc(buf.length, TypeId.String);
    new Uint8Array(this.exports.memory.buffer, ptr, buf.length).set(buf);
    return ptr;
  }

  newBytes(bytes: Uint8Array): number {
    const buffer = this.alloc(bytes.length, TypeId.ArrayBuffer);
    new Uint8Array(this.exports.memory.buffer, buffer, bytes.length).set(bytes);
    const obj = this.alloc(12, TypeId.Uint8Array);
    const v = this.view();
    v.setUint32(obj, buffer, true);
    v.setUint32(obj + 4, buffer, true);
    v.setUint32(obj + 8, bytes.length, true);
    return obj;
  }

  newBigInt(n: bigint): number {
    return this.newBytes(bigIntToBytes(n));
  }

  newDecimal(d: Decimal): number {
    const n = normalizeDecimal(d);
    const digits = this.newBigInt(n.digits);
    const exp = this.newBigInt(n.exp);
    const obj = this.alloc(8, TypeId.BigDecimal);
    const v = this.view();
    v.setUint32(obj, digits, true);
    v.setUint32(obj + 4, exp, true);
    return obj;
  }

  newPtrArray(ptrs: number[], typeId: number): number {
    const buffer = this.alloc(ptrs.length * 4, TypeId.ArrayBuffer);
    const obj = this.alloc(16, typeId);
    const v = this.view();
    for (const [i, p] of ptrs.entries()) v.setUint32(buffer + 4 * i, p, true);
    v.setUint32(obj, buffer, true);
    v.setUint32(obj + 4, buffer, true);
    v.setUint32(obj + 8, ptrs.length * 4, true);
    v.setUint32(obj + 12, ptrs.length, true);
    return obj;
  }

  newKindData(typeId: number, kind: number, data: bigint): number {
    const obj = this.alloc(16, typeId);
    const v = this.view();
    v.setInt32(obj, kind, true);
    v.setBigUint64(obj + 8, BigInt.asUintN(64, data), true);
    return obj;
  }

  newObject(typeId: number, ptrs: number[]): number {
    const obj = this.alloc(ptrs.length * 4, typeId);
    const v = this.view();
    for (const [i, p] of ptrs.entries()) v.setUint32(obj + 4 * i, p, true);
    return obj;
  }

  // ---- ethereum values and events
  newEthValue(value: EthValue): number {
    const ptr = (p: number) => BigInt(p);
    switch (value.kind) {
      case "address":
        return this.newKindData(TypeId.EthereumValue, EV.ADDRESS, ptr(this.newBytes(hexToBytes(value.value))));
      case "fixedBytes":
        return this.newKindData(TypeId.EthereumValue, EV.FIXED_BYTES, ptr(this.newBytes(hexToBytes(value.value))));
      case "bytes":
        return this.newKindData(TypeId.EthereumValue, EV.BYTES, ptr(this.newBytes(hexToBytes(value.value))));
      case "int":
        return this.newKindData(TypeId.EthereumValue, EV.INT, ptr(this.newBigInt(value.value)));
      case "uint":
        return this.newKindData(TypeId.EthereumValue, EV.UINT, ptr(this.newBigInt(value.value)));
      case "bool":
        return this.newKindData(TypeId.EthereumValue, EV.BOOL, value.value ? 1n : 0n);
      case "string":
        return this.newKindData(TypeId.EthereumValue, EV.STRING, ptr(this.newString(value.value)));
      case "array":
      case "fixedArray":
      case "tuple": {
        const items = this.newPtrArray(
          value.value.map((v) => this.newEthValue(v)),
          TypeId.ArrayEthereumValue,
        );
        const kind = value.kind === "array" ? EV.ARRAY : value.kind === "fixedArray" ? EV.FIXED_ARRAY : EV.TUPLE;
        return this.newKindData(TypeId.EthereumValue, kind, ptr(items));
      }
    }
  }

  newEvent(e: EventData): number {
    const b = e.block;
    const block = this.newObject(TypeId.EthereumBlock, [
      this.newBytes(hexToBytes(b.hash)),
      this.newBytes(hexToBytes(b.parentHash)),
      this.newBytes(hexToBytes(ZERO32)),
      this.newBytes(hexToBytes(b.author ?? ZERO20)),
      this.newBytes(hexToBytes(ZERO32)),
      this.newBytes(hexToBytes(ZERO32)),
      this.newBytes(hexToBytes(ZERO32)),
      this.newBigInt(b.number),
      this.newBigInt(b.gasUsed ?? 0n),
      this.newBigInt(b.gasLimit ?? 0n),
      this.newBigInt(b.timestamp),
      this.newBigInt(0n),
      this.newBigInt(0n),
      0,
      b.baseFeePerGas == null ? 0 : this.newBigInt(b.baseFeePerGas),
    ]);
    const t = e.transaction;
    const tx = this.newObject(TypeId.EthereumTransaction, [
      this.newBytes(hexToBytes(t.hash)),
      this.newBigInt(t.index),
      this.newBytes(hexToBytes(t.from)),
      t.to ? this.newBytes(hexToBytes(t.to)) : 0,
      this.newBigInt(t.value ?? 0n),
      this.newBigInt(t.gasLimit ?? 0n),
      this.newBigInt(t.gasPrice ?? 0n),
      this.newBytes(hexToBytes(t.input ?? "0x")),
      this.newBigInt(t.nonce ?? 0n),
    ]);
    const params = this.newPtrArray(
      e.params.map((p) => this.newObject(TypeId.EventParam, [this.newString(p.name), this.newEthValue(p.value)])),
      TypeId.ArrayEventParam,
    );
    return this.newObject(TypeId.EthereumEvent, [
      this.newBytes(hexToBytes(e.address)),
      this.newBigInt(e.logIndex),
      this.newBigInt(e.transactionLogIndex),
      0,
      block,
      tx,
      params,
      0,
    ]);
  }

  /** An ethereum.Value as a comparable JSON value (matchstick's assert.equals). */
  readEthValue(ptr: number): StoredValue {
    const { kind, data } = this.readKindData(ptr);
    const p = Number(data & 0xffffffffn);
    switch (kind) {
      case EV.ADDRESS:
      case EV.FIXED_BYTES:
      case EV.BYTES:
        return bytesToHex(this.readBytes(p));
      case EV.INT:
      case EV.UINT:
        return this.readBigInt(p).toString();
      case EV.BOOL:
        return data !== 0n;
      case EV.STRING:
        return this.readString(p);
      case EV.FIXED_ARRAY:
      case EV.ARRAY:
      case EV.TUPLE:
        return this.readPtrArray(p).map((v) => this.readEthValue(v));
      default:
        throw new MappingAbort(`Unknown ethereum value kind ${kind}`);
    }
  }

  // ---- store values
  /** A store Value (graph-ts common/value.ts) as its JSON form. */
  readStoreValue(ptr: number): StoredValue {
    const { kind, data } = this.readKindData(ptr);
    const p = Number(data & 0xffffffffn);
    switch (kind) {
      case SV.STRING:
        return this.readString(p);
      case SV.INT:
        return Number(BigInt.asIntN(32, data));
      case SV.BIGDECIMAL:
        return decimalToString(this.readDecimal(p));
      case SV.BOOL:
        return data !== 0n;
      case SV.ARRAY:
        return this.readPtrArray(p).map((v) => this.readStoreValue(v));
      case SV.NULL:
        return null;
      case SV.BYTES:
        return bytesToHex(this.readBytes(p));
      case SV.BIGINT:
        return this.readBigInt(p).toString();
      case SV.INT8:
      case SV.TIMESTAMP:
        return BigInt.asIntN(64, data).toString();
      default:
        throw new MappingAbort(`Unknown store value kind ${kind}`);
    }
  }

  newStoreValue(value: StoredValue, field: FieldInfo, inList = false): number {
    const make = (kind: number, data: bigint) => this.newKindData(TypeId.StoreValue, kind, data);
    if (value === null) return make(SV.NULL, 0n);
    if (field.list && !inList) {
      if (!Array.isArray(value))
        throw new MappingAbort(`Field ${field.name} holds ${JSON.stringify(value)}, not a list`);
      const items = value.map((v) => this.newStoreValue(v, field, true));
      return make(SV.ARRAY, BigInt(this.newPtrArray(items, TypeId.ArrayStoreValue)));
    }
    switch (field.storedAs) {
      case "ID":
      case "String":
        return make(SV.STRING, BigInt(this.newString(String(value))));
      case "Int":
        return make(SV.INT, BigInt(Number(value)));
      case "Boolean":
        return make(SV.BOOL, value === true ? 1n : 0n);
      case "BigInt":
        return make(SV.BIGINT, BigInt(this.newBigInt(BigInt(String(value)))));
      case "BigDecimal":
        return make(SV.BIGDECIMAL, BigInt(this.newDecimal(decimalFromString(String(value)))));
      case "Bytes":
        return make(SV.BYTES, BigInt(this.newBytes(hexToBytes(String(value)))));
      case "Int8":
        return make(SV.INT8, BigInt(String(value)));
      case "Timestamp":
        return make(SV.TIMESTAMP, BigInt(String(value)));
    }
  }

  /** Entity (TypedMap<string, Value>) -> JSON row. */
  readEntity(ptr: number): Record<string, StoredValue> {
    const out: Record<string, StoredValue> = {};
    for (const entry of this.readPtrArray(this.u32(ptr))) {
      out[this.readString(this.u32(entry))] = this.readStoreValue(this.u32(entry + 4));
    }
    return out;
  }

  newEntity(row: EntityData, fields: Map<string, FieldInfo>): number {
    const entries: number[] = [];
    for (const [key, value] of Object.entries(row)) {
      const field = fields.get(key);
      if (!field || field.derivedFrom) continue;
      entries.push(
        this.newObject(TypeId.TypedMapEntryStringStoreValue, [this.newString(key), this.newStoreValue(value, field)]),
      );
    }
    const arr = this.newPtrArray(entries, TypeId.ArrayTypedMapEntryStringStoreValue);
    return this.newObject(TypeId.TypedMapStringStoreValue, [arr]);
  }
}

// ---------------------------------------------------------------- host functions

export type LogLevel = "critical" | "error" | "warning" | "info" | "debug";
const LEVELS: LogLevel[] = ["critical", "error", "warning", "info", "debug"];

export type HostContext = {
  store: EntityStore;
  log: (level: LogLevel, message: string) => void;
};

/** The graph-ts host functions, bound to whichever instance `asc()` returns when called. */
export function graphHostFunctions(asc: () => AscInstance, ctx: HostContext): HostFunctions {
  const big2 = (op: (a: bigint, b: bigint) => bigint) => (x: number, y: number) =>
    asc().newBigInt(op(asc().readBigInt(x), asc().readBigInt(y)));
  const dec2 = (op: (a: Decimal, b: Decimal) => Decimal) => (x: number, y: number) =>
    asc().newDecimal(op(asc().readDecimal(x), asc().readDecimal(y)));
  return {
    abort: (msg: number, file: number, line: number, col: number) => {
      const a = asc();
      throw new MappingAbort(
        `${a.readNullableString(msg) ?? "abort"} (${a.readNullableString(file) ?? "?"}:${line}:${col})`,
      );
    },
    "store.get": (type: number, id: number) => {
      const a = asc();
      const t = a.readString(type);
      const row = ctx.store.get(t, a.readString(id));
      const info = ctx.store.model.entities.get(t);
      return row && info ? a.newEntity(row, info.fields) : 0;
    },
    "store.set": (type: number, id: number, data: number) => {
      const a = asc();
      const t = a.readString(type);
      const key = a.readString(id);
      const row = a.readEntity(data);
      ctx.store.set(t, key, { ...row, id: String(row.id ?? key) } as EntityData);
    },
    "store.remove": (type: number, id: number) => {
      const a = asc();
      ctx.store.remove(a.readString(type), a.readString(id));
    },
    "log.log": (level: number, msg: number) => {
      const text = asc().readString(msg);
      const l = LEVELS[level] ?? "info";
      if (l === "critical") throw new MappingAbort(`log.critical: ${text}`);
      ctx.log(l, text);
    },
    "bigInt.plus": big2((a, b) => a + b),
    "bigInt.minus": big2((a, b) => a - b),
    "bigInt.times": big2((a, b) => a * b),
    "bigInt.dividedBy": big2((a, b) => {
      if (b === 0n) throw new MappingAbort("BigInt division by zero");
      return a / b;
    }),
    "bigInt.mod": big2((a, b) => {
      if (b === 0n) throw new MappingAbort("BigInt modulo by zero");
      return a % b;
    }),
    "bigInt.bitOr": big2((a, b) => a | b),
    "bigInt.bitAnd": big2((a, b) => a & b),
    "bigInt.pow": (x: number, exp: number) => asc().newBigInt(asc().readBigInt(x) ** BigInt(exp)),
    "bigInt.leftShift": (x: number, bits: number) => asc().newBigInt(asc().readBigInt(x) << BigInt(bits)),
    "bigInt.rightShift": (x: number, bits: number) => asc().newBigInt(asc().readBigInt(x) >> BigInt(bits)),
    "bigInt.fromString": (s: number) => {
      const text = asc().readString(s);
      if (!/^-?\d+$/.test(text)) throw new MappingAbort(`BigInt.fromString: not an integer: ${JSON.stringify(text)}`);
      return asc().newBigInt(BigInt(text));
    },
    "bigInt.dividedByDecimal": (x: number, y: number) =>
      asc().newDecimal(decimalOps.dividedBy({ digits: asc().readBigInt(x), exp: 0n }, asc().readDecimal(y))),
    "bigDecimal.plus": dec2(decimalOps.plus),
    "bigDecimal.minus": dec2(decimalOps.minus),
    "bigDecimal.times": dec2(decimalOps.times),
    "bigDecimal.dividedBy": dec2(decimalOps.dividedBy),
    "bigDecimal.equals": (x: number, y: number) =>
      decimalOps.equals(asc().readDecimal(x), asc().readDecimal(y)) ? 1 : 0,
    "bigDecimal.toString": (x: number) => asc().newString(decimalToString(asc().readDecimal(x))),
    "bigDecimal.fromString": (s: number) => asc().newDecimal(decimalFromString(asc().readString(s))),
    "typeConversion.bytesToHex": (b: number) => asc().newString(bytesToHex(asc().readBytes(b))),
    "typeConversion.bigIntToString": (b: number) => asc().newString(asc().readBigInt(b).toString()),
    "typeConversion.bigIntToHex": (b: number) => {
      const n = asc().readBigInt(b);
      return asc().newString(n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`);
    },
    "typeConversion.bytesToString": (b: number) =>
      asc().newString(
        Buffer.from(asc().readBytes(b))
          .toString("utf8")
          // biome-ignore lint/suspicious/noControlCharactersInRegex: AssemblyScript strings may carry NUL padding to strip
          .replace(/\u0000/g, ""),
      ),
    "typeConversion.stringToH160": (s: number) => {
      const text = asc().readString(s);
      if (!/^(0x)?[0-9a-fA-F]{40}$/.test(text)) throw new MappingAbort(`Not an address: ${JSON.stringify(text)}`);
      return asc().newBytes(hexToBytes(text.startsWith("0x") ? text : `0x${text}`));
    },
    "crypto.keccak256": (b: number) => asc().newBytes(hexToBytes(keccak256(asc().readBytes(b)))),
  };
}
