import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { afterEach, assert, clearStore, describe, test } from "matchstick-as/assembly/index";
import { ProposalCreated, ProposalExecuted, ProposalQueued, VoteCast, VotingPeriodSet } from "../generated/GridGovernor/GridGovernor";
import { DelegateChanged, DelegateVotesChanged, Transfer } from "../generated/GridToken/GridToken";
import { ParamChanged } from "../generated/ProtocolConfig/ProtocolConfig";
import { CallExecuted, CallScheduled, MinDelayChange } from "../generated/GridTimelock/GridTimelock";
import {
  handleProposalCreated,
  handleProposalExecuted,
  handleProposalQueued,
  handleVoteCast,
  handleVotingPeriodSet,
} from "../src/governor";
import { handleDelegateChanged, handleDelegateVotesChanged, handleTransfer } from "../src/token";
import { handleParamChanged } from "../src/config";
import { handleCallExecuted, handleCallScheduled, handleMinDelayChange } from "../src/timelock";
import { POSTER, T0, TREASURY, WORKER_1, addr, big, bigs, bytes32, fixed, i32p, mockEvent, str, uint } from "./utils";

const PROPOSAL = "98765432109876543210";

function propose(): void {
  const targets = new Array<Address>(0);
  targets.push(TREASURY);
  const values = new Array<BigInt>(0);
  values.push(BigInt.zero());
  const calldatas = new Array<Bytes>(0);
  calldatas.push(Bytes.fromHexString("0x12345678"));
  handleProposalCreated(
    changetype<ProposalCreated>(
      mockEvent(T0, [
        uint("proposalId", bigs(PROPOSAL)),
        addr("proposer", POSTER),
        new ethereum.EventParam("targets", ethereum.Value.fromAddressArray(targets)),
        new ethereum.EventParam("values", ethereum.Value.fromUnsignedBigIntArray(values)),
        new ethereum.EventParam("signatures", ethereum.Value.fromStringArray([""])),
        new ethereum.EventParam("calldatas", ethereum.Value.fromBytesArray(calldatas)),
        uint("voteStart", big(11)),
        uint("voteEnd", big(31)),
        str("description", "Audit every job"),
      ]),
    ),
  );
}

describe("governance", () => {
  afterEach(() => {
    clearStore();
  });

  test("a proposal goes from created through votes to executed", () => {
    propose();
    assert.fieldEquals("Proposal", PROPOSAL, "state", "Pending");
    assert.fieldEquals("Proposal", PROPOSAL, "targets", "[" + TREASURY.toHexString() + "]");
    assert.fieldEquals("Proposal", PROPOSAL, "calldatas", "[0x12345678]");
    handleVoteCast(
      changetype<VoteCast>(
        mockEvent(T0 + 12, [addr("voter", POSTER), uint("proposalId", bigs(PROPOSAL)), i32p("support", 1), uint("weight", bigs("5000000")), str("reason", "yes")]),
      ),
    );
    handleVoteCast(
      changetype<VoteCast>(
        mockEvent(T0 + 13, [addr("voter", WORKER_1), uint("proposalId", bigs(PROPOSAL)), i32p("support", 0), uint("weight", big(7)), str("reason", "")]),
      ),
    );
    assert.fieldEquals("Proposal", PROPOSAL, "forVotes", "5000000");
    assert.fieldEquals("Proposal", PROPOSAL, "againstVotes", "7");
    assert.fieldEquals("Proposal", PROPOSAL, "voteCount", "2");
    assert.fieldEquals("ProposalVote", PROPOSAL + "-" + POSTER.toHexString(), "support", "1");
    handleProposalQueued(changetype<ProposalQueued>(mockEvent(T0 + 40, [uint("proposalId", bigs(PROPOSAL)), uint("etaSeconds", big(T0 + 100))])));
    assert.fieldEquals("Proposal", PROPOSAL, "state", "Queued");
    handleProposalExecuted(changetype<ProposalExecuted>(mockEvent(T0 + 101, [uint("proposalId", bigs(PROPOSAL))])));
    assert.fieldEquals("Proposal", PROPOSAL, "state", "Executed");
    assert.fieldEquals("Proposal", PROPOSAL, "executedAt", (T0 + 101).toString());
    assert.fieldEquals("Protocol", "protocol", "proposals", "1");
  });

  test("parameter changes are named and keep their history", () => {
    handleParamChanged(changetype<ParamChanged>(mockEvent(T0, [i32p("param", 10), uint("oldValue", big(0)), uint("newValue", big(100))])));
    handleParamChanged(changetype<ParamChanged>(mockEvent(T0 + 5, [i32p("param", 10), uint("oldValue", big(100)), uint("newValue", big(10000))])));
    handleVotingPeriodSet(changetype<VotingPeriodSet>(mockEvent(T0, [uint("oldVotingPeriod", big(0)), uint("newVotingPeriod", big(20))])));
    handleMinDelayChange(changetype<MinDelayChange>(mockEvent(T0, [uint("oldDuration", big(0)), uint("newDuration", big(60))])));
    assert.fieldEquals("Param", "AuditRateBps", "value", "10000");
    assert.fieldEquals("Param", "VotingPeriod", "value", "20");
    assert.fieldEquals("Param", "TimelockDelay", "value", "60");
    assert.entityCount("ParamChange", 4);
  });

  test("token transfers, delegation and votes", () => {
    handleTransfer(changetype<Transfer>(mockEvent(T0, [addr("from", Address.zero()), addr("to", POSTER), uint("value", big(1000))])));
    handleTransfer(changetype<Transfer>(mockEvent(T0, [addr("from", POSTER), addr("to", WORKER_1), uint("value", big(400))])));
    handleDelegateChanged(
      changetype<DelegateChanged>(mockEvent(T0, [addr("delegator", POSTER), addr("fromDelegate", Address.zero()), addr("toDelegate", POSTER)])),
    );
    handleDelegateVotesChanged(
      changetype<DelegateVotesChanged>(mockEvent(T0, [addr("delegate", POSTER), uint("previousVotes", big(0)), uint("newVotes", big(600))])),
    );
    assert.fieldEquals("Account", POSTER.toHexString(), "tokenBalance", "600");
    assert.fieldEquals("Account", WORKER_1.toHexString(), "tokenBalance", "400");
    assert.fieldEquals("Account", POSTER.toHexString(), "votes", "600");
    assert.fieldEquals("Account", POSTER.toHexString(), "delegate", POSTER.toHexString());
    assert.notInStore("Account", Address.zero().toHexString());
  });

  test("timelock operations are scheduled per call and executed", () => {
    const id = bytes32(0x42);
    for (let i = 0; i < 2; i++) {
      handleCallScheduled(
        changetype<CallScheduled>(
          mockEvent(T0, [
            fixed("id", id),
            uint("index", big(i)),
            addr("target", i == 0 ? TREASURY : POSTER),
            uint("value", big(0)),
            new ethereum.EventParam("data", ethereum.Value.fromBytes(Bytes.fromHexString("0xabcd"))),
            fixed("predecessor", bytes32(0)),
            uint("delay", big(60)),
          ]),
        ),
      );
    }
    assert.fieldEquals("TimelockOperation", id.toHexString(), "calls", "2");
    assert.fieldEquals("TimelockOperation", id.toHexString(), "state", "Scheduled");
    handleCallExecuted(
      changetype<CallExecuted>(
        mockEvent(T0 + 61, [
          fixed("id", id),
          uint("index", big(0)),
          addr("target", TREASURY),
          uint("value", big(0)),
          new ethereum.EventParam("data", ethereum.Value.fromBytes(Bytes.fromHexString("0xabcd"))),
        ]),
      ),
    );
    assert.fieldEquals("TimelockOperation", id.toHexString(), "state", "Executed");
    assert.fieldEquals("TimelockOperation", id.toHexString(), "targets", "[" + TREASURY.toHexString() + ", " + POSTER.toHexString() + "]");
  });
});
