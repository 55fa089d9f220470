// Writes manifest.json for a model folder and prints the model hash to register on chain.
//
//   node engine/src/manifest-cli.ts <model-dir> <name>        write the manifest
//   node engine/src/manifest-cli.ts --check <model-dir>       check the folder against it

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildManifest, formatManifest, manifestHash, MANIFEST_FILE, verifyModelFolder } from "./manifest.ts";

const { values, positionals } = parseArgs({
  options: { check: { type: "boolean", default: false } },
  allowPositionals: true,
});
const [dir, name] = positionals;
if (dir === undefined || (!values.check && name === undefined)) {
  console.error("usage: manifest-cli.ts <model-dir> <name> | --check <model-dir>");
  process.exit(2);
}
if (values.check) {
  const { modelHash } = await verifyModelFolder(dir);
  console.log(`ok: every file matches; model hash ${modelHash}`);
} else {
  const manifest = await buildManifest(dir, name!);
  await writeFile(join(dir, MANIFEST_FILE), formatManifest(manifest));
  console.log(
    `wrote ${join(dir, MANIFEST_FILE)} (${manifest.files.length} files); model hash ${manifestHash(manifest)}`,
  );
  // The folder must pass its own check (required files present) before anyone registers it.
  await verifyModelFolder(dir);
}
