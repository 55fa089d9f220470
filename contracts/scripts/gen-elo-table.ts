// Prints the expected-score table that contracts/libraries/EloMath.sol embeds:
// E(d) = 1 / (1 + 10^(d / 400)) in basis points for d = -1200, -1175, ..., 1200 (97 entries),
// as one hex string of big-endian uint16 values. Run: node scripts/gen-elo-table.ts
export const ELO_TABLE_MIN = -1200;
export const ELO_TABLE_STEP = 25;
export const ELO_TABLE_SIZE = 97;

export function expectedScoreBpsTable(): number[] {
  const out: number[] = [];
  for (let i = 0; i < ELO_TABLE_SIZE; i++) {
    const d = ELO_TABLE_MIN + i * ELO_TABLE_STEP;
    out.push(Math.round(10_000 / (1 + 10 ** (d / 400))));
  }
  return out;
}

if (import.meta.main) {
  const hex = expectedScoreBpsTable()
    .map((v) => v.toString(16).padStart(4, "0"))
    .join("");
  console.log(`hex"${hex}"`);
}
