// Event factories for the mapping tests, in matchstick-as style: a mock event with the
// parameters each handler reads, in ABI order.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { newMockEvent } from "matchstick-as/assembly/index";
import { JobAssigned, JobPosted } from "../generated/JobMarket/JobMarket";
import { handleJobAssigned, handleJobPosted } from "../src/market";

export const POSTER = Address.fromString("0x00000000000000000000000000000000000000a1");
export const CREATOR = Address.fromString("0x00000000000000000000000000000000000000c1");
export const WORKER_1 = Address.fromString("0x0000000000000000000000000000000000000b01");
export const WORKER_2 = Address.fromString("0x0000000000000000000000000000000000000b02");
export const WORKER_3 = Address.fromString("0x0000000000000000000000000000000000000b03");
export const VALIDATOR = Address.fromString("0x0000000000000000000000000000000000000d01");
export const TREASURY = Address.fromString("0x00000000000000000000000000000000000000e1");

/** 2026-01-01T00:00:00Z, day 20454. */
export const T0: i32 = 1767225600;

export function big(n: i32): BigInt {
  return BigInt.fromI32(n);
}

export function bigs(s: string): BigInt {
  return BigInt.fromString(s);
}

export function uint(name: string, n: BigInt): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromUnsignedBigInt(n));
}

export function addr(name: string, a: Address): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromAddress(a));
}

export function fixed(name: string, b: Bytes): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromFixedBytes(b));
}

export function str(name: string, s: string): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromString(s));
}

export function bool(name: string, b: boolean): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromBoolean(b));
}

export function i32p(name: string, n: i32): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromI32(n));
}

export function addrs(name: string, list: Address[]): ethereum.EventParam {
  return new ethereum.EventParam(name, ethereum.Value.fromAddressArray(list));
}

export function bytes32(byte: i32): Bytes {
  const b = new Bytes(32);
  for (let i = 0; i < 32; i++) b[i] = <u8>byte;
  return b;
}

let logIndex: i32 = 0;

/** A mock event at `timestamp` with its own transaction hash and log index. */
export function mockEvent(timestamp: i32, params: ethereum.EventParam[]): ethereum.Event {
  const e = newMockEvent();
  logIndex += 1;
  e.logIndex = BigInt.fromI32(logIndex);
  e.block.timestamp = BigInt.fromI32(timestamp);
  e.block.number = BigInt.fromI32(timestamp - T0 + 1);
  const hash = new Bytes(32);
  hash[0] = <u8>(logIndex & 0xff);
  hash[1] = <u8>((logIndex >> 8) & 0xff);
  e.transaction.hash = hash;
  e.parameters = params;
  return e;
}

/** Posts job `jobId` for model 1 naming `workers`, with one JobAssigned per worker. */
export function postJob(jobId: i32, at: i32, workers: Address[]): void {
  handleJobPosted(
    changetype<JobPosted>(
      mockEvent(at, [
        uint("jobId", big(jobId)),
        addr("poster", POSTER),
        uint("modelId", big(1)),
        fixed("inputHash", bytes32(1)),
        str("inputURI", ""),
        i32p("maxInputTokens", 100),
        i32p("maxOutputTokens", 200),
        uint("maxPricePerInputToken", big(10)),
        uint("maxPricePerOutputToken", big(20)),
        uint("deadline", big(at + 600)),
        uint("escrow", big(5000 * workers.length)),
        addrs("workers", workers),
      ]),
    ),
  );
  for (let i = 0; i < workers.length; i++) {
    handleJobAssigned(
      changetype<JobAssigned>(
        mockEvent(at, [
          uint("jobId", big(jobId)),
          addr("worker", workers[i]),
          uint("index", big(i)),
          uint("pricePerInputToken", big(10)),
          uint("pricePerOutputToken", big(20)),
          fixed("encryptedInput", bytes32(2)),
        ]),
      ),
    );
  }
}
