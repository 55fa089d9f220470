import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { manifestHash, MANIFEST_FILE, readManifest } from "@infergrid/engine";
import type { Hex } from "viem";
import { z } from "zod";
import type { PeerSource } from "./discovery.ts";
import { FetchAbortedError, InvalidOptionsError, P2PError } from "./errors.ts";
import { partialDirOf, type FetchProgress } from "./fetch.ts";
import type { ModelNode } from "./node.ts";
import { planPlacement, type ModelDemand, type PlacementDecision, type PlacementInput } from "./placement.ts";

const placerOptionsSchema = z.object({
  /** one folder per model: <modelsDir>/<manifest hash> */
  modelsDir: z.string().min(1),
  /** bytes the model folders may take on disk, partial downloads included */
  diskBudgetBytes: z.number().int().nonnegative(),
});

export type ModelPlacerOptions = z.input<typeof placerOptionsSchema> & {
  readonly node: ModelNode;
  readonly peers: readonly string[] | PeerSource;
  /** whether a model has open jobs right now; such a model is never dropped */
  readonly isBusy?: (manifestHash: Hex) => boolean | Promise<boolean>;
  readonly onProgress?: (manifestHash: Hex, event: FetchProgress) => void;
};

export type PlacementReport = {
  readonly fetched: readonly { manifestHash: Hex; sizeBytes: number; fetchedBytes: number; resumedBytes: number }[];
  readonly dropped: readonly { manifestHash: Hex; sizeBytes: number }[];
  /** drops refused because the model had open jobs when the drop came */
  readonly kept: readonly { manifestHash: Hex; reason: "busy" }[];
  /** fetches that did not happen (MODEL_NOT_FOUND, MODEL_TOO_LARGE for the budget left, ...) */
  readonly failed: readonly { manifestHash: Hex; code: string; message: string }[];
  readonly usedBytes: number;
  readonly diskBudgetBytes: number;
};

export type PlacementPolicy = Pick<PlacementInput, "hysteresisBps" | "minFeesPerGB" | "pinned">;

/**
 * Applies placement decisions on one node: drops first (never a busy model), then fetches,
 * each within what the disk budget has left at that moment, so the model folders never take
 * more than the budget, whatever sizes the decision assumed. Fetched models are seeded.
 */
export class ModelPlacer {
  readonly modelsDir: string;
  readonly diskBudgetBytes: number;
  readonly #options: ModelPlacerOptions;

  constructor(options: ModelPlacerOptions) {
    const parsed = placerOptionsSchema.safeParse(options);
    if (!parsed.success) throw new InvalidOptionsError("placer options", z.prettifyError(parsed.error));
    this.modelsDir = parsed.data.modelsDir;
    this.diskBudgetBytes = parsed.data.diskBudgetBytes;
    this.#options = options;
  }

  folderOf(hash: Hex): string {
    return join(this.modelsDir, hash.toLowerCase());
  }

  /** The complete models under modelsDir (a folder named by the hash its manifest.json has). */
  async held(): Promise<{ manifestHash: Hex; sizeBytes: number; folder: string }[]> {
    const out: { manifestHash: Hex; sizeBytes: number; folder: string }[] = [];
    let names: string[];
    try {
      names = await readdir(this.modelsDir);
    } catch {
      return out;
    }
    for (const name of names.sort()) {
      if (!/^0x[0-9a-f]{64}$/.test(name)) continue;
      const folder = join(this.modelsDir, name);
      try {
        const manifest = await readManifest(folder);
        if (manifestHash(manifest) !== name) continue;
        const manifestBytes = (await stat(join(folder, MANIFEST_FILE))).size;
        out.push({
          manifestHash: name as Hex,
          sizeBytes: manifest.files.reduce((s, f) => s + f.size, manifestBytes),
          folder,
        });
      } catch {
        // not a model folder (or a broken one): not counted as held, but its bytes count as used
      }
    }
    return out;
  }

  /** Bytes of every file under modelsDir: models, partial downloads, anything else. */
  async usedBytes(): Promise<number> {
    return bytesUnder(this.modelsDir);
  }

  /** Plans with the node's current holdings; `openJobs` says how many open jobs each model has. */
  async decide(
    models: readonly ModelDemand[],
    openJobs: (manifestHash: Hex) => number,
    policy: PlacementPolicy = {},
  ): Promise<PlacementDecision> {
    const held = (await this.held()).map((h) => ({
      manifestHash: h.manifestHash,
      sizeBytes: h.sizeBytes,
      openJobs: openJobs(h.manifestHash),
    }));
    return planPlacement({ ...policy, models: [...models], held, diskBudgetBytes: this.diskBudgetBytes });
  }

  async apply(decision: Pick<PlacementDecision, "fetch" | "drop">, options: { signal?: AbortSignal } = {}) {
    const { node, isBusy, peers, onProgress } = this.#options;
    const fetched: PlacementReport["fetched"][number][] = [];
    const dropped: PlacementReport["dropped"][number][] = [];
    const kept: PlacementReport["kept"][number][] = [];
    const failed: PlacementReport["failed"][number][] = [];
    await mkdir(this.modelsDir, { recursive: true });
    const heldSizes = new Map((await this.held()).map((h) => [h.manifestHash, h.sizeBytes]));

    for (const hash of decision.drop) {
      if (await isBusy?.(hash)) {
        kept.push({ manifestHash: hash, reason: "busy" });
        continue;
      }
      if (node.seeded().some((r) => r.manifestHash === hash)) await node.unseedModel(hash);
      const folder = this.folderOf(hash);
      const sizeBytes = heldSizes.get(hash) ?? (await bytesUnder(folder));
      await rm(folder, { recursive: true, force: true });
      await rm(partialDirOf(folder), { recursive: true, force: true });
      dropped.push({ manifestHash: hash, sizeBytes });
    }

    for (const hash of decision.fetch) {
      const folder = this.folderOf(hash);
      // what this model's own partial folder holds is part of its size, not of the others'
      const others = (await this.usedBytes()) - (await bytesUnder(partialDirOf(folder)));
      try {
        const result = await node.fetchModel(hash, folder, {
          peers,
          signal: options.signal,
          maxBytes: Math.max(0, this.diskBudgetBytes - others),
          onProgress: onProgress ? (e) => onProgress(hash, e) : undefined,
        });
        fetched.push({
          manifestHash: hash,
          sizeBytes: result.sizeBytes,
          fetchedBytes: result.fetchedBytes,
          resumedBytes: result.resumedBytes,
        });
      } catch (e) {
        if (e instanceof FetchAbortedError) throw e;
        const code = e instanceof P2PError ? e.code : "FETCH_FAILED";
        failed.push({ manifestHash: hash, code, message: (e as Error).message });
      }
    }
    const report: PlacementReport = {
      fetched,
      dropped,
      kept,
      failed,
      usedBytes: await this.usedBytes(),
      diskBudgetBytes: this.diskBudgetBytes,
    };
    return report;
  }
}

async function bytesUnder(dir: string): Promise<number> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const e of entries) if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  return total;
}
