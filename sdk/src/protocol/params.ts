// ProtocolConfig's parameters by name. The ABI carries `IProtocolConfig.Param` only as a uint8,
// so the names (in the enum's declaration order) and the unit each value is counted in live
// here. The bounds are not copied: ProtocolConfig.paramBounds(param) is a view, read it.

/** How a parameter's value is counted on chain. */
export type ParamUnit = "grid" | "seconds" | "bps" | "count";

export type ProtocolParam = {
  /** The `IProtocolConfig.Param` enum value. */
  readonly index: number;
  readonly name: string;
  readonly unit: ParamUnit;
  /** Set only together with the other two shares, through setFeeSplit (sum 10000). */
  readonly feeShare: boolean;
  readonly description: string;
};

const p = (index: number, name: string, unit: ParamUnit, description: string, feeShare = false): ProtocolParam => ({
  index,
  name,
  unit,
  feeShare,
  description,
});

/** Every `IProtocolConfig.Param`, in enum order (index i is enum value i). */
export const PROTOCOL_PARAMS: readonly ProtocolParam[] = [
  p(0, "MinWorkerStake", "grid", "GRID a worker must stake to be assigned jobs"),
  p(1, "UnbondingPeriod", "seconds", "time between requesting an unbond and withdrawing it"),
  p(2, "JobTimeout", "seconds", "longest deadline a job may be posted with"),
  p(3, "ChallengeWindow", "seconds", "time an agreed result waits before it can be finalized"),
  p(4, "DeclineWindow", "seconds", "time after posting in which a named worker may decline"),
  p(5, "RevealWindow", "seconds", "time after the deadline in which R>1 results may be revealed"),
  p(6, "MaxRedundancy", "count", "most workers one job may name"),
  p(7, "SlashMissedBps", "bps", "share of stake slashed for a missed deadline"),
  p(8, "SlashFraudBps", "bps", "share of stake slashed for a wrong result"),
  p(9, "EloK", "count", "Elo K factor"),
  p(10, "AuditRateBps", "bps", "probability that an agreed job is audited"),
  p(11, "WorkerShareBps", "bps", "fee share to the worker(s)", true),
  p(12, "CreatorShareBps", "bps", "fee share to the model creator", true),
  p(13, "TreasuryShareBps", "bps", "fee share to the DAO treasury", true),
  p(14, "MinValidatorStake", "grid", "GRID a validator must stake to be drawn"),
  p(15, "ChallengeBond", "grid", "GRID a poster puts up to challenge an agreed result"),
  p(16, "VoteCommitWindow", "seconds", "time validators have to commit sealed verdicts"),
  p(17, "VoteRevealWindow", "seconds", "time after the commit window to reveal verdicts"),
  p(18, "ValidatorsPerAudit", "count", "validators drawn for a sampled audit"),
  p(19, "ValidatorsPerDispute", "count", "validators drawn for a dispute or a challenge"),
  p(
    20,
    "ValidatorSlashBps",
    "bps",
    "share of a validator's stake slashed for not revealing or voting against the majority",
  ),
  p(21, "AuditFeeBps", "bps", "share of the job fee paid to the majority validators"),
  p(22, "SlashRewardBps", "bps", "share of the slashed stake paid to the majority validators"),
  p(23, "ChallengerRewardBps", "bps", "share of the workers' slashed stake paid to an upheld challenger"),
];

/** The parameter with enum value `index`, or undefined past the end of the enum. */
export const protocolParam = (index: number): ProtocolParam | undefined => PROTOCOL_PARAMS[index];

/** The parameter called `name` (e.g. "AuditRateBps"), or undefined. */
export const protocolParamByName = (name: string): ProtocolParam | undefined =>
  PROTOCOL_PARAMS.find((x) => x.name === name);
