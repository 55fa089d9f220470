import type { Libp2p } from "@libp2p/interface";
import { lpStream } from "@libp2p/utils";
import type { Multiaddr } from "@multiformats/multiaddr";
import { CID } from "multiformats/cid";
import type { Hex } from "viem";
import { z } from "zod";
import { InvalidOptionsError } from "./errors.ts";

/**
 * The one question peers ask each other: "which content root holds the model with this
 * manifest hash?". The answer needs no trust: the fetcher checks the root's manifest.json
 * against the hash and every file against the manifest.
 */
export const MODEL_ROOT_PROTOCOL = "/infergrid/model-root/1.0.0";
const MAX_MESSAGE_BYTES = 4096;

export const bytes32Schema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "0x-prefixed 32-byte hex")
  .transform((s) => s.toLowerCase() as Hex);

const requestSchema = z.object({ manifestHash: bytes32Schema }).strict();
const responseSchema = z
  .object({
    root: z
      .string()
      .nullable()
      .transform((s, ctx) => {
        if (s === null) return null;
        try {
          return CID.parse(s);
        } catch {
          ctx.addIssue({ code: "custom", message: `not a CID: ${s}` });
          return z.NEVER;
        }
      }),
  })
  .strict();

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function decode<T>(what: string, schema: z.ZodType<T>, bytes: Uint8Array): T {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new InvalidOptionsError(what, "not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InvalidOptionsError(what, z.prettifyError(parsed.error));
  return parsed.data;
}

/** Answers MODEL_ROOT_PROTOCOL from `lookup`; a malformed request closes the stream unanswered. */
export async function serveModelRoots(libp2p: Libp2p, lookup: (manifestHash: Hex) => CID | null): Promise<void> {
  await libp2p.handle(MODEL_ROOT_PROTOCOL, async (stream) => {
    const lp = lpStream(stream, { maxDataLength: MAX_MESSAGE_BYTES });
    try {
      const request = decode("model-root request", requestSchema, (await lp.read()).subarray());
      const root = lookup(request.manifestHash);
      await lp.write(encode({ root: root?.toString() ?? null }));
      await stream.close();
    } catch (e) {
      stream.abort(e as Error);
    }
  });
}

/** Asks one peer for the content root of a model; null when it does not seed it. */
export async function queryModelRoot(
  libp2p: Libp2p,
  peer: Multiaddr,
  manifestHash: Hex,
  signal: AbortSignal,
): Promise<CID | null> {
  const stream = await libp2p.dialProtocol(peer, MODEL_ROOT_PROTOCOL, { signal });
  const lp = lpStream(stream, { maxDataLength: MAX_MESSAGE_BYTES });
  await lp.write(encode({ manifestHash }), { signal });
  const response = decode("model-root response", responseSchema, (await lp.read({ signal })).subarray());
  await stream.close({ signal });
  return response.root;
}
