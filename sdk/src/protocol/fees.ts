// What a job costs, as JobMarket computes it. sdk/test/protocol.test.ts checks these against
// hand-computed values and e2e/test/protocol-formulas.test.ts against the contract itself.

/** Basis points in one whole (JobMarket's BPS). */
export const BPS = 10_000n;

/** Token counts and the per-token prices they are billed at (GRID wei). */
export type BilledTokens = {
  readonly inputTokens: number | bigint;
  readonly outputTokens: number | bigint;
  readonly pricePerInputToken: bigint;
  readonly pricePerOutputToken: bigint;
};

/**
 * One delivering worker's fee: inputTokens x pricePerInputToken + outputTokens x
 * pricePerOutputToken, at the prices snapshotted when the job was posted.
 * @example workerFee({ inputTokens: 5, outputTokens: 2, pricePerInputToken: 3n, pricePerOutputToken: 7n }) // 29n
 */
export function workerFee(t: BilledTokens): bigint {
  return BigInt(t.inputTokens) * t.pricePerInputToken + BigInt(t.outputTokens) * t.pricePerOutputToken;
}

/**
 * What posting a job escrows: R x (maxInputTokens x maxPricePerInputToken + maxOutputTokens x
 * maxPricePerOutputToken). Whatever the workers do not bill is refunded at settlement.
 * @example jobEscrow({ redundancy: 3, maxInputTokens: 100, maxOutputTokens: 200, maxPricePerInputToken: 2n, maxPricePerOutputToken: 5n }) // 3600n
 */
export function jobEscrow(p: {
  readonly redundancy: number | bigint;
  readonly maxInputTokens: number | bigint;
  readonly maxOutputTokens: number | bigint;
  readonly maxPricePerInputToken: bigint;
  readonly maxPricePerOutputToken: bigint;
}): bigint {
  const perWorker =
    BigInt(p.maxInputTokens) * p.maxPricePerInputToken + BigInt(p.maxOutputTokens) * p.maxPricePerOutputToken;
  return perWorker * BigInt(p.redundancy);
}

export type FeeSplit = {
  /** Sum of the paid workers' fees. */
  readonly totalFee: bigint;
  /** Each paid worker's share of its own fee, in the order of `fees`. */
  readonly workers: readonly bigint[];
  readonly workerTotal: bigint;
  readonly creator: bigint;
  /** What remains of the fee: the treasury's share plus every rounding remainder. */
  readonly treasury: bigint;
  /** Escrow minus the fee, back to the poster (only when `escrow` is given). */
  readonly refund: bigint | undefined;
};

/**
 * How a finalized job's fee is paid out (JobMarket._finalize): each worker gets
 * fee x workerShareBps / 10000 of its own fee, rounded down; the creator gets
 * totalFee x creatorShareBps / 10000, rounded down; the treasury gets the rest, so the three
 * parts always sum to the fee and rounding dust lands in the treasury. With the default split
 * (7000 / 2000 / 1000) that is 70 / 20 / 10 %.
 * @example feeSplit({ fees: [29n], workerShareBps: 7000, creatorShareBps: 2000 }) // workers [20n], creator 5n, treasury 4n
 */
export function feeSplit(p: {
  readonly fees: readonly bigint[];
  readonly workerShareBps: number | bigint;
  readonly creatorShareBps: number | bigint;
  readonly escrow?: bigint;
}): FeeSplit {
  const workerBps = BigInt(p.workerShareBps);
  const workers = p.fees.map((fee) => (fee * workerBps) / BPS);
  const totalFee = p.fees.reduce((a, b) => a + b, 0n);
  const workerTotal = workers.reduce((a, b) => a + b, 0n);
  const creator = (totalFee * BigInt(p.creatorShareBps)) / BPS;
  return {
    totalFee,
    workers,
    workerTotal,
    creator,
    treasury: totalFee - workerTotal - creator,
    refund: p.escrow === undefined ? undefined : p.escrow - totalFee,
  };
}
