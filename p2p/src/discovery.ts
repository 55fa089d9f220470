import { multiaddr } from "@multiformats/multiaddr";
import type { Hex } from "viem";
import { z } from "zod";
import { bytes32Schema } from "./protocol.ts";

/**
 * Where a fetching node learns which peers to ask for a model: a list of libp2p multiaddrs
 * (each ending in /p2p/<peer id>). The worker daemon plugs its own in (chain + endpoints,
 * see endpointPeers); tests and the CLI pass a fixed list.
 */
export type PeerSource = (manifestHash: Hex, options: { signal?: AbortSignal }) => Promise<readonly string[]>;

export const staticPeers =
  (addrs: readonly string[]): PeerSource =>
  async () =>
    addrs;

/** What a node announces about itself: served at `<worker endpoint>/p2p` (see README). */
export const announcementSchema = z
  .object({
    peerId: z.string().min(1).max(128),
    multiaddrs: z.array(z.string().min(1).max(256)).max(16),
    models: z.array(bytes32Schema).max(4096),
  })
  .strict();

export type Announcement = z.infer<typeof announcementSchema>;

export type EndpointPeersOptions = {
  /** path of the announcement under each endpoint */
  readonly path?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
};

/**
 * A PeerSource over HTTP announcements: `endpointsFor(hash)` names the HTTP endpoints of the
 * nodes that may seed the model (for a worker: the on-chain profile endpoints of the workers
 * registered for it); each one's announcement is read, and its multiaddrs are kept when it
 * lists the model. Addresses must carry the announced peer id, so a node is dialled only as
 * itself (libp2p's Noise handshake proves the id). An endpoint that fails or answers badly
 * is skipped: discovery is best effort, and every byte is checked against the manifest anyway.
 */
export function endpointPeers(
  endpointsFor: (manifestHash: Hex) => Promise<readonly string[]>,
  options: EndpointPeersOptions = {},
): PeerSource {
  const path = options.path ?? "/p2p";
  const timeoutMs = options.timeoutMs ?? 5_000;
  const fetchFn = options.fetch ?? globalThis.fetch;
  return async (manifestHash, { signal }) => {
    const endpoints = await endpointsFor(manifestHash);
    const answers = await Promise.all(
      endpoints.map(async (endpoint) => {
        try {
          const url = `${endpoint.replace(/\/+$/, "")}${path}`;
          const timeout = AbortSignal.timeout(timeoutMs);
          const res = await fetchFn(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
          if (!res.ok) return [];
          const parsed = announcementSchema.safeParse(await res.json());
          if (!parsed.success || !parsed.data.models.includes(manifestHash.toLowerCase() as Hex)) return [];
          return parsed.data.multiaddrs.filter((a) => peerIdOf(a) === parsed.data.peerId);
        } catch {
          return [];
        }
      }),
    );
    return [...new Set(answers.flat())];
  };
}

/** The /p2p/<id> of a multiaddr, or null when it has none or does not parse. */
export function peerIdOf(addr: string): string | null {
  try {
    return (
      multiaddr(addr)
        .getComponents()
        .findLast((c) => c.name === "p2p")?.value ?? null
    );
  } catch {
    return null;
  }
}
