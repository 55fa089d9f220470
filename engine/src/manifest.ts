import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Hex } from "viem";
import { canonicalManifestBytes, manifestHash } from "@infergrid/sdk/protocol";
import { z } from "zod";
import { InvalidManifestError, ModelFileMismatchError } from "./errors.ts";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT = "infergrid.model-manifest.v1";

/** Files the engine reads; a manifest must list every one of them. */
export const REQUIRED_MODEL_FILES = [
  "config.json",
  "generation_config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "onnx/model.onnx",
] as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "lowercase hex sha256, 64 characters");

export const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    name: z.string().min(1),
    files: z
      .array(
        z
          .object({
            path: z
              .string()
              .min(1)
              .refine((p) => !p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\\"), {
                message: "relative POSIX path inside the model folder",
              }),
            sha256: sha256Hex,
            size: z.number().int().nonnegative(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest["files"][number];

// The canonical bytes and their hash (the model's on-chain id) are a protocol fact: defined in the sdk.
export { canonicalManifestBytes, manifestHash } from "@infergrid/sdk/protocol";

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  // Streamed: real model weights are many GB and must not be read into memory at once.
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function listFiles(dir: string, root: string = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, root)));
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join("/"));
  }
  return out.sort();
}

/** Builds the manifest of a model folder (every file except manifest.json itself). */
export async function buildManifest(dir: string, name: string): Promise<Manifest> {
  const paths = (await listFiles(dir)).filter((p) => p !== MANIFEST_FILE);
  const files: ManifestEntry[] = [];
  for (const path of paths) {
    const full = join(dir, path);
    files.push({ path, sha256: await sha256File(full), size: (await stat(full)).size });
  }
  return manifestSchema.parse({ format: MANIFEST_FORMAT, name, files });
}

/** manifest.json as written to disk: canonical content, indented for people. */
export function formatManifest(manifest: Manifest): string {
  const canonical = JSON.parse(new TextDecoder().decode(canonicalManifestBytes(manifest))) as unknown;
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

export async function readManifest(dir: string): Promise<Manifest> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch {
    throw new InvalidManifestError(dir, `${MANIFEST_FILE} not found`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new InvalidManifestError(dir, `${MANIFEST_FILE} is not JSON (${(e as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new InvalidManifestError(dir, z.prettifyError(parsed.error));
  const seen = new Set<string>();
  for (const f of parsed.data.files) {
    if (seen.has(f.path)) throw new InvalidManifestError(dir, `file ${f.path} listed twice`);
    seen.add(f.path);
  }
  for (const required of REQUIRED_MODEL_FILES) {
    if (!seen.has(required)) throw new InvalidManifestError(dir, `required file ${required} is not listed`);
  }
  return parsed.data;
}

/**
 * Reads the manifest and checks every listed file's sha256. Unlisted files under onnx/
 * are refused too: onnxruntime would load external weight files (model.onnx_data) that
 * the hash never covered.
 */
export async function verifyModelFolder(dir: string): Promise<{ manifest: Manifest; modelHash: Hex }> {
  const manifest = await readManifest(dir);
  const listed = new Set(manifest.files.map((f) => f.path));
  const present = await listFiles(dir);
  for (const path of present) {
    if (path.startsWith("onnx/") && !listed.has(path)) {
      throw new InvalidManifestError(dir, `file ${path} is not listed in the manifest`);
    }
  }
  for (const f of manifest.files) {
    let actual: string;
    try {
      actual = await sha256File(join(dir, f.path));
    } catch {
      throw new ModelFileMismatchError(f.path, f.sha256, null);
    }
    if (actual !== f.sha256) throw new ModelFileMismatchError(f.path, f.sha256, actual);
  }
  return { manifest, modelHash: manifestHash(manifest) };
}
