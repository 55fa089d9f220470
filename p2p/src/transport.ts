import { identify } from "@libp2p/identify";
import { noise } from "@libp2p/noise";
import { tcp } from "@libp2p/tcp";
import { yamux } from "@libp2p/yamux";

/**
 * Read buffer of a libp2p stream. @helia/bitswap (4.0.19) reads an inbound stream only after
 * closing its own end of it, so a burst of blocks that arrives first waits in this buffer, and
 * above yamux's default (4 MiB) the stream is aborted and the blocks are lost: a fetch with 16
 * or more chunks of 256 KiB in flight then stalls. 64 MiB holds the largest burst a node of
 * this package asks for (64 requests x 256 KiB) four times over.
 */
export const STREAM_READ_BUFFER_BYTES = 64 << 20;

/** libp2p over TCP with Noise and yamux, plus identify (bitswap learns peers' protocols from it). */
export function libp2pOptions(listen: readonly string[], announce: readonly string[] = []) {
  return {
    addresses: { listen: [...listen], announce: [...announce] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux({ streamOptions: { maxReadBufferLength: STREAM_READ_BUFFER_BYTES } })],
    services: { identify: identify() },
  };
}
