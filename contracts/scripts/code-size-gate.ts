// Fails when a deployable contract's runtime code passes the EIP-170 limit (24,576 bytes), so a
// contract that would not deploy on mainnet cannot land. Reads the artifacts of `make build`
// (coverage runs instrument the code, so the tests themselves cannot check this).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const LIMIT = 24_576;
const root = new URL("../artifacts/src/", import.meta.url).pathname;

function* artifacts(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "test") yield* artifacts(path);
    } else if (name.endsWith(".json") && !name.endsWith(".dbg.json")) yield path;
  }
}

let failed = 0;
const rows: [string, number][] = [];
for (const file of artifacts(root)) {
  const a = JSON.parse(readFileSync(file, "utf8")) as { contractName?: string; deployedBytecode?: string };
  if (!a.contractName || !a.deployedBytecode || a.deployedBytecode === "0x") continue;
  const size = (a.deployedBytecode.length - 2) / 2;
  rows.push([a.contractName, size]);
  if (size > LIMIT) failed++;
}
for (const [name, size] of rows.sort((x, y) => y[1] - x[1])) {
  console.log(
    `${size > LIMIT ? "OVER " : "ok   "} ${name.padEnd(22)} ${size.toLocaleString("en-US").padStart(7)} bytes`,
  );
}
if (failed) {
  console.error(`code size gate: ${failed} contract(s) over the EIP-170 limit of ${LIMIT} bytes`);
  process.exit(1);
}
console.log(`code size gate: every contract under ${LIMIT} bytes`);
