import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { getAddress } from "viem";
import { DeploymentNotFoundError, IncompleteDeploymentError, contractNames, readDeployment } from "../src/addresses.ts";

function fixtureDir(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "infergrid-deployments-"));
  mkdirSync(join(dir, "chain-31337"));
  writeFileSync(join(dir, "chain-31337", "deployed_addresses.json"), JSON.stringify(entries));
  return dir;
}

describe("readDeployment", () => {
  it("reads every contract address from Ignition's output, checksummed", () => {
    const entries = Object.fromEntries(
      contractNames.map((n, i) => [`InferGrid#${n}`, `0x${(i + 1).toString(16).padStart(40, "a")}`]),
    );
    const d = readDeployment(31337, fixtureDir(entries));
    assert.equal(d.chainId, 31337);
    assert.equal(d.GridToken, getAddress(`0x${"1".padStart(40, "a")}`));
    assert.notEqual(d.GridToken, `0x${"1".padStart(40, "a")}`);
    assert.equal(Object.keys(d).length, contractNames.length + 1);
  });

  it("names the missing file and how to deploy", () => {
    assert.throws(
      () => readDeployment(5, fixtureDir({})),
      (e: unknown) => {
        assert.ok(e instanceof DeploymentNotFoundError);
        assert.match(e.message, /chain-5[/\\]deployed_addresses\.json/);
        assert.match(e.message, /make up/);
        return true;
      },
    );
  });

  it("refuses a half-finished deployment, naming what is missing", () => {
    assert.throws(
      () => readDeployment(31337, fixtureDir({ "InferGrid#GridToken": "0x0000000000000000000000000000000000000001" })),
      (e: unknown) => e instanceof IncompleteDeploymentError && e.missing.includes("JobMarket"),
    );
  });
});
