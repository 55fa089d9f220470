// Reads the coverage table that `hardhat test --coverage` printed and fails when the total line
// coverage of contracts/src/ is under COVERAGE_MIN percent (default 95).
// Usage: node contracts/scripts/coverage-gate.ts <log file>
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node contracts/scripts/coverage-gate.ts <log of hardhat test --coverage>");
  process.exit(2);
}
const min = Number(process.env.COVERAGE_MIN ?? 95);
const rows = readFileSync(file, "utf8")
  .split("\n")
  .map((l) => l.split(/[║│|]/).map((c) => c.trim()))
  .filter((cells) => cells.length >= 4);
const total = rows.filter((c) => c[1] === "Total").at(-1);
if (!total) {
  console.error(`coverage gate: no "Total" row in ${file}; did the coverage run fail?`);
  process.exit(1);
}
const line = Number(total[2]);
const perFile = rows.filter((c) => c[1]?.startsWith("src/")).map((c) => `${c[1]} ${c[2]}%`);
console.log(`contract line coverage: ${line}% (gate ${min}%)`);
for (const f of perFile) console.log(`  ${f}`);
if (!(line >= min)) {
  console.error(`coverage gate: line coverage ${line}% is under ${min}%`);
  process.exit(1);
}
