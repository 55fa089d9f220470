import { Bytes } from "@graphprotocol/graph-ts";
import {
  AuditRequested,
  CaseOpened,
  CaseRedrawn,
  CaseResolved,
  RandomnessExpired,
  ValidatorPenalized,
  ValidatorsDrawn,
  VoteCommitted,
  VoteRevealed,
} from "../generated/VerificationCourt/VerificationCourt";
import { Case, Vote } from "../generated/schema";
import { getProtocol, loadJob, recordJobEvent, zero } from "./helpers";
import { getValidator } from "./validators";

// IVerificationCourt.CaseKind
const KINDS: string[] = ["None", "Audit", "Dispute", "Challenge"];

function loadCase(id: string): Case {
  const c = Case.load(id);
  if (c == null) throw new Error("No case was opened for job " + id);
  return c;
}

function loadVote(jobId: string, validator: Bytes): Vote {
  const v = Vote.load(jobId + "-" + validator.toHexString());
  if (v == null) throw new Error("Validator " + validator.toHexString() + " was not drawn for job " + jobId);
  return v;
}

export function handleCaseOpened(event: CaseOpened): void {
  const job = loadJob(event.params.jobId);
  const c = new Case(job.id);
  c.job = job.id;
  c.kind = event.params.kind < KINDS.length ? KINDS[event.params.kind] : "Kind" + event.params.kind.toString();
  // With a ready seed (audits) ValidatorsDrawn follows in the same transaction.
  c.status = event.params.randomnessRequest.isZero() ? "Voting" : "AwaitingDraw";
  c.round = 0;
  c.randomnessRequest = event.params.randomnessRequest;
  c.validators = new Array<Bytes>(0);
  c.openedAt = event.block.timestamp;
  c.save();
  job.review = c.id;
  job.save();
  const p = getProtocol();
  p.cases += 1;
  p.save();
  recordJobEvent(event, job.id, "CaseOpened:" + c.kind, null, null);
}

export function handleRandomnessExpired(event: RandomnessExpired): void {
  const c = loadCase(event.params.jobId.toString());
  c.randomnessRequest = event.params.newRequest;
  c.save();
  recordJobEvent(event, c.id, "RandomnessExpired", null, null);
}

export function handleValidatorsDrawn(event: ValidatorsDrawn): void {
  const c = loadCase(event.params.jobId.toString());
  c.status = "Voting";
  c.round = event.params.round;
  c.randomnessRequest = zero();
  c.commitEndsAt = event.params.commitEndsAt;
  c.revealEndsAt = event.params.revealEndsAt;
  const drawn = event.params.validators;
  const list = new Array<Bytes>(0);
  for (let i = 0; i < drawn.length; i++) {
    list.push(drawn[i]);
    const validator = getValidator(drawn[i]);
    validator.save();
    const v = new Vote(c.id + "-" + drawn[i].toHexString());
    v.review = c.id;
    v.validator = validator.id;
    v.round = event.params.round;
    v.status = "Drawn";
    v.drawnAt = event.block.timestamp;
    v.penalty = zero();
    v.reward = zero();
    v.save();
  }
  c.validators = list;
  c.save();
  recordJobEvent(event, c.id, "ValidatorsDrawn", null, null);
}

export function handleAuditRequested(event: AuditRequested): void {
  recordJobEvent(event, event.params.jobId.toString(), "AuditRequested", null, null);
}

export function handleVoteCommitted(event: VoteCommitted): void {
  const id = event.params.jobId.toString();
  const v = loadVote(id, event.params.validator);
  v.status = "Committed";
  v.sealedVerdict = event.params.sealedVerdict;
  v.committedAt = event.block.timestamp;
  v.save();
  recordJobEvent(event, id, "VoteCommitted", event.params.validator, null);
}

export function handleVoteRevealed(event: VoteRevealed): void {
  const id = event.params.jobId.toString();
  const v = loadVote(id, event.params.validator);
  v.status = "Revealed";
  v.verdict = event.params.verdict;
  v.revealedAt = event.block.timestamp;
  v.save();
  recordJobEvent(event, id, "VoteRevealed", event.params.validator, null);
}

export function handleValidatorPenalized(event: ValidatorPenalized): void {
  const id = event.params.jobId.toString();
  const v = loadVote(id, event.params.validator);
  v.penalty = v.penalty.plus(event.params.amount);
  v.save();
  recordJobEvent(event, id, "ValidatorPenalized", event.params.validator, event.params.amount);
}

export function handleCaseRedrawn(event: CaseRedrawn): void {
  const c = loadCase(event.params.jobId.toString());
  c.status = "AwaitingDraw";
  c.round = 1;
  c.randomnessRequest = event.params.randomnessRequest;
  c.save();
  recordJobEvent(event, c.id, "CaseRedrawn", null, null);
}

export function handleCaseResolved(event: CaseResolved): void {
  const c = loadCase(event.params.jobId.toString());
  c.status = "Resolved";
  c.hasVerdict = event.params.hasVerdict;
  c.verdict = event.params.verdict;
  c.votesFor = event.params.votesFor;
  c.revealed = event.params.revealed;
  c.resolvedAt = event.block.timestamp;
  c.save();
  recordJobEvent(event, c.id, "CaseResolved", null, event.params.votesFor);
}
