// Copies the ABIs the manifest names from the Hardhat artifacts (run `npx hardhat compile` first),
// so the subgraph never carries a hand-written ABI that could drift from the contracts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Contract name -> its source folder under contracts/. */
export const abiSources = {
  GridToken: "token",
  GridGovernor: "governance",
  GridTimelock: "governance",
  ProtocolConfig: "governance",
  ModelRegistry: "registry",
  WorkerRegistry: "registry",
  JobMarket: "market",
  ValidatorRegistry: "verification",
  VerificationCourt: "verification",
} as const;

export type AbiContract = keyof typeof abiSources;

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OUT = fileURLToPath(new URL("../abis/", import.meta.url));

export class MissingArtifactError extends Error {
  override name = "MissingArtifactError";
  readonly path: string;
  constructor(path: string) {
    super(`No Hardhat artifact at ${path}. Run \`npx hardhat compile --no-tests\` in the repository root first.`);
    this.path = path;
  }
}

export function artifactPath(name: AbiContract): string {
  return `${ROOT}artifacts/contracts/${abiSources[name]}/${name}.sol/${name}.json`;
}

export function copyAbis(): string[] {
  mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  for (const name of Object.keys(abiSources) as AbiContract[]) {
    const path = artifactPath(name);
    if (!existsSync(path)) throw new MissingArtifactError(path);
    const { abi } = JSON.parse(readFileSync(path, "utf8")) as { abi: unknown[] };
    const file = `${OUT}${name}.json`;
    const text = `${JSON.stringify(abi, null, 2)}\n`;
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
    written.push(file);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = copyAbis();
  console.log(`copied ${files.length} ABIs from artifacts/ to subgraph/abis/`);
}
