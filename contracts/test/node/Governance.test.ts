import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeFunctionData, getAddress, keccak256, toHex, zeroHash } from "viem";
import { GRID, connectProtocol, type Protocol } from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, load } = await connectProtocol();
const { deployer, poster, other } = accounts;
const { assertions } = viem;

const AUDIT_RATE = 10;
const MAX_REDUNDANCY = 6;
const VOTING_PERIOD = 20;
const TIMELOCK_DELAY = 60n;

// Governor.ProposalState
const State = { Pending: 0, Active: 1, Defeated: 3, Succeeded: 4, Queued: 5, Executed: 7 } as const;

async function propose(c: Protocol, param: number, value: bigint, description: string) {
  const calldata = encodeFunctionData({ abi: c.config.abi, functionName: "setParam", args: [param, value] });
  const targets = [c.config.address];
  const values = [0n];
  const calldatas = [calldata];
  const descriptionHash = keccak256(toHex(description));
  await c.governor.write.propose([targets, values, calldatas, description], { account: deployer.account });
  const id = await c.governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
  return { id, targets, values, calldatas, descriptionHash };
}

async function passAndQueue(c: Protocol, p: Awaited<ReturnType<typeof propose>>) {
  assert.equal(await c.governor.read.state([p.id]), State.Pending);
  await networkHelpers.mine(2);
  assert.equal(await c.governor.read.state([p.id]), State.Active);
  await c.governor.write.castVote([p.id, 1], { account: deployer.account });
  await c.governor.write.castVoteWithReason([p.id, 0, "too risky"], { account: poster.account });
  await networkHelpers.mine(VOTING_PERIOD);
  assert.equal(await c.governor.read.state([p.id]), State.Succeeded);
  await c.governor.write.queue([p.targets, p.values, p.calldatas, p.descriptionHash]);
  assert.equal(await c.governor.read.state([p.id]), State.Queued);
  await networkHelpers.time.increase(TIMELOCK_DELAY);
}

describe("Governance", () => {
  it("test_proposal_changesParam_throughProposeVoteQueueExecute", async () => {
    const c = await load();
    await c.token.write.delegate([deployer.account.address], { account: deployer.account });
    await c.token.write.delegate([poster.account.address], { account: poster.account });
    const p = await propose(c, AUDIT_RATE, 250n, "Raise the audit rate to 2.5%");
    await passAndQueue(c, p);
    const [against, forVotes] = await c.governor.read.proposalVotes([p.id]);
    assert.equal(against, 1_000_000n * GRID);
    assert.ok(forVotes > against);
    await assertions.emitWithArgs(
      c.governor.write.execute([p.targets, p.values, p.calldatas, p.descriptionHash], { account: other.account }),
      c.config,
      "ParamChanged",
      [AUDIT_RATE, 100n, 250n],
    );
    assert.equal(await c.governor.read.state([p.id]), State.Executed);
    assert.equal(await c.config.read.getParam([AUDIT_RATE]), 250n);
  });

  it("test_sameCall_fromAnyOtherAccount_reverts", async () => {
    const c = await load();
    for (const a of [deployer, poster, other]) {
      await assertions.revertWithCustomErrorWithArgs(
        c.config.write.setParam([AUDIT_RATE, 250n], { account: a.account }),
        c.config,
        "OwnableUnauthorizedAccount",
        [getAddress(a.account.address)],
      );
    }
    // Nor can anyone bypass the governor and schedule on the timelock directly.
    const role = await c.timelock.read.PROPOSER_ROLE();
    await assertions.revertWithCustomErrorWithArgs(
      c.timelock.write.schedule([c.config.address, 0n, "0x", zeroHash, zeroHash, TIMELOCK_DELAY], {
        account: deployer.account,
      }),
      c.timelock,
      "AccessControlUnauthorizedAccount",
      [getAddress(deployer.account.address), role],
    );
    assert.equal(await c.timelock.read.hasRole([zeroHash, deployer.account.address]), false);
  });

  it("test_proposal_outOfBoundsValue_executionReverts", async () => {
    const c = await load();
    await c.token.write.delegate([deployer.account.address], { account: deployer.account });
    const p = await propose(c, MAX_REDUNDANCY, 9n, "Allow nine workers per job");
    await passAndQueue(c, p);
    await assertions.revertWithCustomErrorWithArgs(
      c.governor.write.execute([p.targets, p.values, p.calldatas, p.descriptionHash]),
      c.config,
      "ParamOutOfBounds",
      [MAX_REDUNDANCY, 9n, 1n, 8n],
    );
    assert.equal(await c.config.read.getParam([MAX_REDUNDANCY]), 5n);
    assert.equal(await c.governor.read.state([p.id]), State.Queued);
  });

  it("test_proposal_withoutQuorum_isDefeated", async () => {
    const c = await load();
    await c.token.write.delegate([deployer.account.address], { account: deployer.account });
    await c.token.write.delegate([poster.account.address], { account: poster.account });
    const p = await propose(c, AUDIT_RATE, 300n, "Small vote");
    await networkHelpers.mine(2);
    // 1M of 1B is below the 4% quorum.
    await c.governor.write.castVote([p.id, 1], { account: poster.account });
    await networkHelpers.mine(VOTING_PERIOD);
    assert.equal(await c.governor.read.state([p.id]), State.Defeated);
  });
});

describe("GridToken", () => {
  it("test_supply_metadata_andTreasuryFunding", async () => {
    const c = await load();
    assert.equal(await c.token.read.totalSupply(), 1_000_000_000n * GRID);
    assert.equal(await c.token.read.name(), "InferGrid");
    assert.equal(await c.token.read.symbol(), "GRID");
    assert.equal(await c.token.read.decimals(), 18);
    assert.equal(await c.token.read.balanceOf([c.timelock.address]), 100_000_000n * GRID);
  });

  it("test_delegate_givesVotingPower_andTransfersMoveIt", async () => {
    const c = await load();
    assert.equal(await c.token.read.getVotes([poster.account.address]), 0n);
    await c.token.write.delegate([poster.account.address], { account: poster.account });
    assert.equal(await c.token.read.getVotes([poster.account.address]), 1_000_000n * GRID);
    await c.token.write.transfer([other.account.address, 400_000n * GRID], { account: poster.account });
    assert.equal(await c.token.read.getVotes([poster.account.address]), 600_000n * GRID);
    assert.equal(await c.token.read.nonces([poster.account.address]), 0n);
  });
});
