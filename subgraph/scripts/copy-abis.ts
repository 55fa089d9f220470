// Writes the ABIs the manifest names from the contracts package's generated ABIs (themselves from
// the Hardhat artifacts),
// so the subgraph never carries a hand-written ABI that could drift from the contracts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as abis from "@infergrid/contracts/abis";

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

const OUT = fileURLToPath(new URL("../abis/", import.meta.url));

export class MissingAbiError extends Error {
  override name = "MissingAbiError";
  readonly contract: string;
  constructor(contract: string) {
    super(`@infergrid/contracts/abis has no ABI for ${contract}. Run \`npm run build -w contracts\` first.`);
    this.contract = contract;
  }
}

const abiExport = (name: AbiContract): string => `${name[0]!.toLowerCase()}${name.slice(1)}Abi`;

export function copyAbis(): string[] {
  mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  for (const name of Object.keys(abiSources) as AbiContract[]) {
    const abi = (abis as Record<string, unknown>)[abiExport(name)];
    if (!Array.isArray(abi)) throw new MissingAbiError(name);
    const file = `${OUT}${name}.json`;
    const text = `${JSON.stringify(abi, null, 2)}\n`;
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
    written.push(file);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = copyAbis();
  console.log(`copied ${files.length} ABIs from @infergrid/contracts/abis to subgraph/abis/`);
}
