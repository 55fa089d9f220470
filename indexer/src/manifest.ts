// Reads the built manifest (build/subgraph.yaml) into what the indexer needs per data source:
// its compiled WASM, and for each event topic the handler and the ABI event that decodes it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toEventSelector, type AbiEvent } from "viem";
import { parse } from "yaml";
import { z } from "zod";

const manifestSchema = z.object({
  schema: z.object({ file: z.string() }),
  dataSources: z.array(
    z.object({
      kind: z.literal("ethereum/contract"),
      name: z.string(),
      source: z.object({ abi: z.string() }),
      mapping: z.object({
        file: z.string(),
        abis: z.array(z.object({ name: z.string(), file: z.string() })),
        eventHandlers: z.array(z.object({ event: z.string(), handler: z.string() })).default([]),
        blockHandlers: z.array(z.unknown()).optional(),
        callHandlers: z.array(z.unknown()).optional(),
      }),
    }),
  ),
  templates: z.array(z.unknown()).optional(),
});

export type HandlerSpec = { handler: string; event: AbiEvent; signature: string };
export type DataSourceSpec = {
  name: string;
  module: WebAssembly.Module;
  handlers: Map<`0x${string}`, HandlerSpec>;
};
export type BuiltSubgraph = {
  schemaPath: string;
  dataSources: DataSourceSpec[];
  /** Hash of the built manifest, schema and every WASM: entities indexed by another build are stale. */
  buildHash: string;
};

export class ManifestError extends Error {
  override name = "ManifestError";
}

function canonical(e: AbiEvent): string {
  const type = (p: AbiEvent["inputs"][number]): string => {
    if (p.type.startsWith("tuple")) {
      const comps = "components" in p && p.components ? p.components : [];
      return `(${comps.map((c) => type(c as AbiEvent["inputs"][number])).join(",")})${p.type.slice(5)}`;
    }
    return p.type;
  };
  return `${e.name}(${e.inputs.map((p) => `${p.indexed ? "indexed " : ""}${type(p)}`).join(",")})`;
}

export function loadBuiltSubgraph(buildDir: string): BuiltSubgraph {
  const manifestPath = join(buildDir, "subgraph.yaml");
  let raw: unknown;
  try {
    raw = parse(readFileSync(manifestPath, "utf8"));
  } catch (e) {
    throw new ManifestError(
      `Cannot read ${manifestPath} (run \`npm run build -w subgraph\` first): ${(e as Error).message}`,
    );
  }
  const m = manifestSchema.parse(raw);
  if (m.templates?.length) throw new ManifestError("Data source templates are not supported by the local indexer");
  const hash = createHash("sha256")
    .update(readFileSync(manifestPath))
    .update(readFileSync(join(buildDir, m.schema.file)));
  const dataSources = m.dataSources.map((ds) => {
    if (ds.mapping.blockHandlers?.length || ds.mapping.callHandlers?.length) {
      throw new ManifestError(`Data source ${ds.name}: block and call handlers are not supported by the local indexer`);
    }
    const abiFile = ds.mapping.abis.find((a) => a.name === ds.source.abi);
    if (!abiFile)
      throw new ManifestError(`Data source ${ds.name} names ABI ${ds.source.abi} but does not list its file`);
    const abi = JSON.parse(readFileSync(join(buildDir, abiFile.file), "utf8")) as { type: string }[];
    const events = abi.filter((x): x is AbiEvent => x.type === "event");
    const handlers = new Map<`0x${string}`, HandlerSpec>();
    for (const h of ds.mapping.eventHandlers) {
      const sig = h.event.replace(/\s+/g, " ").replace(/, /g, ",");
      const event = events.find((e) => canonical(e) === sig);
      if (!event) throw new ManifestError(`Data source ${ds.name}: no event ${h.event} in ABI ${ds.source.abi}`);
      handlers.set(toEventSelector(event), { handler: h.handler, event, signature: h.event });
    }
    const wasm = readFileSync(join(buildDir, ds.mapping.file));
    hash.update(wasm);
    const module = new WebAssembly.Module(wasm);
    return { name: ds.name, module, handlers };
  });
  return { schemaPath: join(buildDir, m.schema.file), dataSources, buildHash: hash.digest("hex") };
}
