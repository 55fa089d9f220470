import { BigInt } from "@graphprotocol/graph-ts";
import {
  FeeSplitChanged,
  ParamChanged,
  RandomnessChanged,
  TreasuryChanged,
  VerifierChanged,
} from "../generated/ProtocolConfig/ProtocolConfig";
import { getProtocol, recordParamChange } from "./helpers";

// IProtocolConfig.Param, in declaration order.
const PARAM_NAMES: string[] = [
  "MinWorkerStake",
  "UnbondingPeriod",
  "JobTimeout",
  "ChallengeWindow",
  "DeclineWindow",
  "RevealWindow",
  "MaxRedundancy",
  "SlashMissedBps",
  "SlashFraudBps",
  "EloK",
  "AuditRateBps",
  "WorkerShareBps",
  "CreatorShareBps",
  "TreasuryShareBps",
  "MinValidatorStake",
  "ChallengeBond",
  "VoteCommitWindow",
  "VoteRevealWindow",
  "ValidatorsPerAudit",
  "ValidatorsPerDispute",
  "ValidatorSlashBps",
  "AuditFeeBps",
  "SlashRewardBps",
  "ChallengerRewardBps",
];

export function paramName(index: i32): string {
  return index < PARAM_NAMES.length ? PARAM_NAMES[index] : "Param" + index.toString();
}

export function handleParamChanged(event: ParamChanged): void {
  recordParamChange(
    event,
    paramName(event.params.param),
    "ProtocolConfig",
    event.params.oldValue,
    event.params.newValue,
    null,
    null,
    "",
  );
}

export function handleFeeSplitChanged(event: FeeSplitChanged): void {
  const p = getProtocol();
  recordParamChange(event, "WorkerShareBps", "ProtocolConfig", BigInt.fromI32(p.workerShareBps), BigInt.fromI32(event.params.workerBps), null, null, "-w");
  recordParamChange(event, "CreatorShareBps", "ProtocolConfig", BigInt.fromI32(p.creatorShareBps), BigInt.fromI32(event.params.creatorBps), null, null, "-c");
  recordParamChange(event, "TreasuryShareBps", "ProtocolConfig", BigInt.fromI32(p.treasuryShareBps), BigInt.fromI32(event.params.treasuryBps), null, null, "-t");
  p.workerShareBps = event.params.workerBps;
  p.creatorShareBps = event.params.creatorBps;
  p.treasuryShareBps = event.params.treasuryBps;
  p.save();
}

export function handleTreasuryChanged(event: TreasuryChanged): void {
  recordParamChange(event, "Treasury", "ProtocolConfig", null, null, event.params.previousTreasury, event.params.newTreasury, "");
  const p = getProtocol();
  p.treasury = event.params.newTreasury;
  p.save();
}

export function handleVerifierChanged(event: VerifierChanged): void {
  recordParamChange(event, "Verifier", "ProtocolConfig", null, null, event.params.previousVerifier, event.params.newVerifier, "");
  const p = getProtocol();
  p.verifier = event.params.newVerifier;
  p.save();
}

export function handleRandomnessChanged(event: RandomnessChanged): void {
  recordParamChange(event, "Randomness", "ProtocolConfig", null, null, event.params.previousRandomness, event.params.newRandomness, "");
  const p = getProtocol();
  p.randomness = event.params.newRandomness;
  p.save();
}
