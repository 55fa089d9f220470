import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { manifestHash, readManifest, verifyModelFolder } from "@infergrid/engine";
import type { Hex } from "viem";
// through the package's entry point, so its exports are loaded once by a test
import { announcementSchema, endpointPeers, type ModelNode, peerIdOf, staticPeers } from "../src/index.ts";
import { sandbox, TINY_MODEL_DIR } from "./helpers.ts";

const box = sandbox();

/** An HTTP endpoint standing in for a worker's: GET /p2p answers `body()` with `status`. */
async function endpoint(body: () => unknown, status = 200): Promise<{ url: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url !== "/worker/p2p") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  box.track(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/worker`, server, hits };
}

describe("finding seeders", { timeout: 120_000 }, () => {
  let seeder: ModelNode;
  let hash: Hex;
  before(async () => {
    hash = manifestHash(await readManifest(TINY_MODEL_DIR));
    seeder = await box.node();
    await seeder.seedModel(TINY_MODEL_DIR);
  });
  after(() => box.cleanup());

  it("announces the node's peer id, dialable addresses and the models it seeds", () => {
    const a = announcementSchema.parse(seeder.announcement());
    assert.equal(a.peerId, seeder.peerId);
    assert.deepEqual(a.models, [hash]);
    assert.ok(a.multiaddrs.length > 0 && a.multiaddrs.every((m) => peerIdOf(m) === seeder.peerId));
  });

  it("keeps the addresses of endpoints that announce the model, and skips the others", async () => {
    const good = await endpoint(() => seeder.announcement());
    const otherModel = await endpoint(() => ({ ...seeder.announcement(), models: [`0x${"ee".repeat(32)}`] }));
    // an announcement whose addresses name another peer id is not believed
    const spoofed = await endpoint(() => ({ ...seeder.announcement(), peerId: "12D3KooWSomeoneElse" }));
    const broken = await endpoint(() => ({ peerId: 1 }));
    const down = await endpoint(() => seeder.announcement(), 503);
    const source = endpointPeers(async (h) =>
      h === hash ? [good.url, otherModel.url, spoofed.url, broken.url, down.url, "http://127.0.0.1:9/unreachable"] : [],
    );
    assert.deepEqual(await source(hash, {}), seeder.multiaddrs());
    assert.deepEqual(good.hits, ["/worker/p2p"]);
    assert.deepEqual(await source(`0x${"ee".repeat(32)}`, {}), []);
  });

  it("plugs into fetchModel: a node finds the seeder through its endpoint and fetches from it", async () => {
    const announced = await endpoint(() => seeder.announcement());
    const fetcher = await box.node();
    const target = join(await box.dir(), "tiny");
    const result = await fetcher.fetchModel(hash, target, { peers: endpointPeers(async () => [announced.url]) });
    assert.deepEqual(result.peers, [seeder.peerId]);
    assert.equal((await verifyModelFolder(target)).modelHash, hash);
    assert.deepEqual(fetcher.announcement().models, [hash], "the fetcher announces it in turn");
  });

  it("staticPeers returns the given list whatever the model", async () => {
    assert.deepEqual(await staticPeers(["/ip4/127.0.0.1/tcp/1/p2p/x"])(hash, {}), ["/ip4/127.0.0.1/tcp/1/p2p/x"]);
  });
});
