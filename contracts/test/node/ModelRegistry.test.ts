import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { MODEL_HASH, connectProtocol } from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, load } = await connectProtocol();
const { creator, other } = accounts;
const { assertions } = viem;

describe("ModelRegistry", () => {
  it("test_register_assignsIdAndCreator_andEmits", async () => {
    const c = await load();
    const m = c.modelRegistry;
    const hash = keccak256(toHex("qwen2.5-0.5b"));
    await assertions.emitWithArgs(
      m.write.register(["Qwen2.5-0.5B-Instruct", hash, "ipfs://qwen", "text-generation/onnx"], {
        account: other.account,
      }),
      m,
      "ModelRegistered",
      [2n, getAddress(other.account.address), hash, "Qwen2.5-0.5B-Instruct", "ipfs://qwen", "text-generation/onnx"],
    );
    assert.equal(await m.read.modelCount(), 2n);
    assert.equal(await m.read.modelIdByManifest([hash]), 2n);
    const model = await m.read.model([2n]);
    assert.equal(model.creator, getAddress(other.account.address));
    assert.equal(model.active, true);
    assert.equal(model.manifestHash, hash);
    assert.deepEqual(await m.read.metadata([2n]), ["Qwen2.5-0.5B-Instruct", "ipfs://qwen", "text-generation/onnx"]);
    assert.deepEqual(await m.read.modelInfo([2n]), [getAddress(other.account.address), true]);
    assert.deepEqual(await m.read.modelInfo([99n]), [zeroAddress, false]);
  });

  it("test_register_sameManifestTwice_reverts", async () => {
    const c = await load();
    await assertions.revertWithCustomErrorWithArgs(
      c.modelRegistry.write.register(["copy", MODEL_HASH, "ipfs://copy", "text-generation/onnx"], {
        account: other.account,
      }),
      c.modelRegistry,
      "ManifestAlreadyRegistered",
      [MODEL_HASH, 1n],
    );
  });

  it("test_register_invalidFields_revert", async () => {
    const c = await load();
    const m = c.modelRegistry;
    const h = keccak256(toHex("h"));
    await assertions.revertWithCustomError(m.write.register(["n", zeroHash, "", "f"]), m, "ZeroManifestHash");
    await assertions.revertWithCustomErrorWithArgs(m.write.register(["", h, "", "f"]), m, "EmptyField", ["name"]);
    await assertions.revertWithCustomErrorWithArgs(m.write.register(["n", h, "", ""]), m, "EmptyField", ["format"]);
    await assertions.revertWithCustomErrorWithArgs(m.write.register(["n".repeat(65), h, "", "f"]), m, "FieldTooLong", [
      "name",
      65n,
      64n,
    ]);
    await assertions.revertWithCustomErrorWithArgs(
      m.write.register(["n", h, "u".repeat(257), "f"]),
      m,
      "FieldTooLong",
      ["uri", 257n, 256n],
    );
    await assertions.revertWithCustomErrorWithArgs(m.write.register(["n", h, "", "f".repeat(33)]), m, "FieldTooLong", [
      "format",
      33n,
      32n,
    ]);
  });

  it("test_setURI_transferCreator_onlyCreator", async () => {
    const c = await load();
    const m = c.modelRegistry;
    await assertions.emitWithArgs(
      m.write.setURI([1n, "ipfs://v2"], { account: creator.account }),
      m,
      "ModelURIUpdated",
      [1n, "ipfs://v2"],
    );
    assert.equal((await m.read.metadata([1n]))[1], "ipfs://v2");
    await assertions.revertWithCustomErrorWithArgs(
      m.write.setURI([1n, "x"], { account: other.account }),
      m,
      "NotModelCreator",
      [1n, getAddress(other.account.address)],
    );
    await assertions.revertWithCustomErrorWithArgs(
      m.write.setURI([5n, "x"], { account: other.account }),
      m,
      "UnknownModel",
      [5n],
    );
    await assertions.revertWithCustomErrorWithArgs(
      m.write.setURI([1n, "u".repeat(257)], { account: creator.account }),
      m,
      "FieldTooLong",
      ["uri", 257n, 256n],
    );
    await assertions.revertWithCustomError(
      m.write.transferCreator([1n, zeroAddress], { account: creator.account }),
      m,
      "ZeroAddress",
    );
    await assertions.emitWithArgs(
      m.write.transferCreator([1n, other.account.address], { account: creator.account }),
      m,
      "ModelCreatorTransferred",
      [1n, getAddress(creator.account.address), getAddress(other.account.address)],
    );
    assert.equal((await m.read.model([1n])).creator, getAddress(other.account.address));
    await assertions.revertWithCustomError(
      m.write.transferCreator([1n, creator.account.address], { account: creator.account }),
      m,
      "NotModelCreator",
    );
  });

  it("test_setActive_onlyTimelock_andInactiveModelTakesNoJobs", async () => {
    const c = await load();
    const m = c.modelRegistry;
    await assertions.revertWithCustomErrorWithArgs(
      m.write.setActive([1n, false], { account: other.account }),
      m,
      "OwnableUnauthorizedAccount",
      [getAddress(other.account.address)],
    );
    await networkHelpers.impersonateAccount(c.timelock.address);
    await networkHelpers.setBalance(c.timelock.address, 10n ** 18n);
    await assertions.emitWithArgs(
      m.write.setActive([1n, false], { account: c.timelock.address }),
      m,
      "ModelActiveSet",
      [1n, false],
    );
    assert.equal((await m.read.model([1n])).active, false);
    await assertions.revertWithCustomErrorWithArgs(
      m.write.setActive([9n, true], { account: c.timelock.address }),
      m,
      "UnknownModel",
      [9n],
    );
    await assertions.revertWithCustomErrorWithArgs(m.read.model([9n]), m, "UnknownModel", [9n]);
    await assertions.revertWithCustomErrorWithArgs(m.read.metadata([9n]), m, "UnknownModel", [9n]);
  });
});
