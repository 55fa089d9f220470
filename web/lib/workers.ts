// Display helpers for worker data shared by the Network and Workers pages.
import { formatUnits } from "viem";

/** A per-token price in GRID wei as GRID with every decimal (prices are often below 1e-8 GRID). */
export const formatPrice = (wei: bigint | string): string =>
  `${formatUnits(typeof wei === "string" ? BigInt(wei) : wei, 18)} GRID`;

/** The registry stores an ISO 3166-1 numeric country code, 0 when the operator gave none. */
export const formatRegion = (region: number): string =>
  region === 0 ? "unspecified" : `ISO 3166-1 ${String(region).padStart(3, "0")}`;
