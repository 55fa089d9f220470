// Amounts typed by people: GRID with up to 18 decimals, or integer wei for per-token prices.
import { parseUnits } from "viem";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** "12.5" GRID to wei; refuses empty, negative, zero and over-precise input with a reason. */
export function parseGridAmount(input: string): Parsed<bigint> {
  const s = input.trim();
  if (s === "") return { ok: false, error: "Enter an amount in GRID." };
  if (!/^\d+(\.\d+)?$/.test(s))
    return { ok: false, error: "Use digits and at most one decimal point, e.g. 1000 or 12.5." };
  const frac = s.split(".")[1] ?? "";
  if (frac.length > 18) return { ok: false, error: "GRID has 18 decimals; use fewer digits after the point." };
  const wei = parseUnits(s, 18);
  if (wei === 0n) return { ok: false, error: "The amount must be more than 0." };
  return { ok: true, value: wei };
}

const UINT64_MAX = 2n ** 64n - 1n;

/** A per-token price in GRID wei (a whole number that fits the contract's uint64). */
export function parseWeiPrice(input: string, what: string): Parsed<bigint> {
  const s = input.trim();
  if (!/^\d+$/.test(s)) return { ok: false, error: `${what}: a whole number of GRID wei (1 GRID = 10^18 wei).` };
  const v = BigInt(s);
  if (v > UINT64_MAX) return { ok: false, error: `${what}: at most ${UINT64_MAX} wei (uint64).` };
  return { ok: true, value: v };
}

/** A manifest hash: 0x and 32 bytes of hex, not zero (the registry refuses the zero hash). */
export function parseManifestHash(input: string): Parsed<`0x${string}`> {
  const s = input.trim();
  if (!s.startsWith("0x"))
    return { ok: false, error: "The manifest hash must start with 0x and hold 32 bytes (64 hex digits)." };
  if (!/^0x[0-9a-fA-F]*$/.test(s))
    return { ok: false, error: "The manifest hash may hold only hex digits (0-9, a-f) after 0x." };
  if (s.length !== 66)
    return {
      ok: false,
      error: `The manifest hash must be 32 bytes (64 hex digits after 0x); this one has ${s.length - 2} digits.`,
    };
  if (/^0x0{64}$/.test(s))
    return { ok: false, error: "The manifest hash must not be zero; hash the model's manifest." };
  return { ok: true, value: s.toLowerCase() as `0x${string}` };
}
