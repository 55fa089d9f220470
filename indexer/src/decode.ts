// Turns a raw log into the ethereum.Event data a mapping receives, decoding parameters by the
// ABI the way graph-node does (indexed dynamic values arrive as their topic hash).
import { decodeEventLog, type AbiEvent, type AbiParameter, type Log } from "viem";
import type { EthValue, Hex } from "./host.ts";

export class DecodeError extends Error {
  override name = "DecodeError";
}

function isDynamic(type: string): boolean {
  return type === "string" || type === "bytes" || type.endsWith("]") || type.startsWith("tuple");
}

export function toEthValue(param: AbiParameter, value: unknown): EthValue {
  const t = param.type;
  const arr = /^(.*)\[(\d*)\]$/.exec(t);
  if (arr) {
    if (!Array.isArray(value)) throw new DecodeError(`${param.name ?? "?"}: expected an array for ${t}`);
    const inner = { ...param, type: arr[1] } as AbiParameter;
    return { kind: arr[2] === "" ? "array" : "fixedArray", value: value.map((v) => toEthValue(inner, v)) };
  }
  if (t === "tuple") {
    const comps = "components" in param ? param.components : [];
    const values = Array.isArray(value) ? value : comps.map((c) => (value as Record<string, unknown>)[c.name ?? ""]);
    return { kind: "tuple", value: comps.map((c, i) => toEthValue(c, values[i])) };
  }
  if (t === "address") return { kind: "address", value: (value as string).toLowerCase() as Hex };
  if (t === "bool") return { kind: "bool", value: value as boolean };
  if (t === "string") return { kind: "string", value: value as string };
  if (t === "bytes") return { kind: "bytes", value: value as Hex };
  if (/^bytes\d+$/.test(t)) return { kind: "fixedBytes", value: value as Hex };
  if (/^uint\d*$/.test(t)) return { kind: "uint", value: BigInt(value as bigint | number) };
  if (/^int\d*$/.test(t)) return { kind: "int", value: BigInt(value as bigint | number) };
  throw new DecodeError(`ABI type ${t} is not supported`);
}

export function decodeParams(event: AbiEvent, log: Pick<Log, "data" | "topics">): { name: string; value: EthValue }[] {
  const decoded = decodeEventLog({ abi: [event], data: log.data, topics: log.topics as [Hex, ...Hex[]], strict: true });
  const args = (decoded.args ?? {}) as Record<string, unknown> | unknown[];
  return event.inputs.map((input, i) => {
    const value = Array.isArray(args) ? args[i] : args[input.name ?? String(i)];
    if (input.indexed && isDynamic(input.type))
      return { name: input.name ?? "", value: { kind: "fixedBytes", value: value as Hex } };
    return { name: input.name ?? "", value: toEthValue(input, value) };
  });
}
