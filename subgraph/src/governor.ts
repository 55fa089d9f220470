import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalQueued,
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  TimelockChange,
  VoteCast,
  VoteCastWithParams,
  VotingDelaySet,
  VotingPeriodSet,
} from "../generated/GridGovernor/GridGovernor";
import { Proposal, ProposalVote } from "../generated/schema";
import { getAccount, getProtocol, recordParamChange, zero } from "./helpers";

function loadProposal(id: BigInt): Proposal {
  const p = Proposal.load(id.toString());
  if (p == null) throw new Error("Proposal " + id.toString() + " was never created");
  return p;
}

export function handleProposalCreated(event: ProposalCreated): void {
  const p = new Proposal(event.params.proposalId.toString());
  p.proposalId = event.params.proposalId;
  p.proposer = getAccount(event.params.proposer).id;
  const targets = event.params.targets;
  const addrs = new Array<Bytes>(0);
  for (let i = 0; i < targets.length; i++) addrs.push(targets[i]);
  p.targets = addrs;
  p.values = event.params.values;
  p.signatures = event.params.signatures;
  p.calldatas = event.params.calldatas;
  p.voteStart = event.params.voteStart;
  p.voteEnd = event.params.voteEnd;
  p.description = event.params.description;
  p.state = "Pending";
  p.forVotes = zero();
  p.againstVotes = zero();
  p.abstainVotes = zero();
  p.voteCount = 0;
  p.createdAt = event.block.timestamp;
  p.createdBlock = event.block.number;
  p.save();
  const protocol = getProtocol();
  protocol.proposals += 1;
  protocol.save();
}

function recordVote(
  event: ethereum.Event,
  voter: Bytes,
  proposalId: BigInt,
  support: i32,
  weight: BigInt,
  reason: string,
  params: Bytes | null,
): void {
  const p = loadProposal(proposalId);
  if (support == 0) p.againstVotes = p.againstVotes.plus(weight);
  else if (support == 1) p.forVotes = p.forVotes.plus(weight);
  else p.abstainVotes = p.abstainVotes.plus(weight);
  p.voteCount += 1;
  p.save();
  const v = new ProposalVote(proposalId.toString() + "-" + voter.toHexString());
  v.proposal = p.id;
  v.voter = voter;
  v.support = support;
  v.weight = weight;
  v.reason = reason;
  v.params = params;
  v.timestamp = event.block.timestamp;
  v.block = event.block.number;
  v.save();
}

export function handleVoteCast(event: VoteCast): void {
  const voter = getAccount(event.params.voter);
  recordVote(event, voter.id, event.params.proposalId, event.params.support, event.params.weight, event.params.reason, null);
}

export function handleVoteCastWithParams(event: VoteCastWithParams): void {
  const voter = getAccount(event.params.voter);
  recordVote(
    event,
    voter.id,
    event.params.proposalId,
    event.params.support,
    event.params.weight,
    event.params.reason,
    event.params.params,
  );
}

export function handleProposalQueued(event: ProposalQueued): void {
  const p = loadProposal(event.params.proposalId);
  p.state = "Queued";
  p.eta = event.params.etaSeconds;
  p.queuedAt = event.block.timestamp;
  p.save();
}

export function handleProposalExecuted(event: ProposalExecuted): void {
  const p = loadProposal(event.params.proposalId);
  p.state = "Executed";
  p.executedAt = event.block.timestamp;
  p.save();
}

export function handleProposalCanceled(event: ProposalCanceled): void {
  const p = loadProposal(event.params.proposalId);
  p.state = "Canceled";
  p.canceledAt = event.block.timestamp;
  p.save();
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  recordParamChange(event, "VotingDelay", "GridGovernor", event.params.oldVotingDelay, event.params.newVotingDelay, null, null, "");
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  recordParamChange(event, "VotingPeriod", "GridGovernor", event.params.oldVotingPeriod, event.params.newVotingPeriod, null, null, "");
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  recordParamChange(
    event,
    "ProposalThreshold",
    "GridGovernor",
    event.params.oldProposalThreshold,
    event.params.newProposalThreshold,
    null,
    null,
    "",
  );
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  recordParamChange(
    event,
    "QuorumNumerator",
    "GridGovernor",
    event.params.oldQuorumNumerator,
    event.params.newQuorumNumerator,
    null,
    null,
    "",
  );
}

export function handleTimelockChange(event: TimelockChange): void {
  recordParamChange(event, "Timelock", "GridGovernor", null, null, event.params.oldTimelock, event.params.newTimelock, "");
}
