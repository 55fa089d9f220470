import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  CaseAssigned,
  CaseReleased,
  ValidatorDelisted,
  ValidatorListed,
  ValidatorSlashed,
  ValidatorStaked,
  ValidatorUnbondRequested,
  ValidatorUnbondWithdrawn,
} from "../generated/ValidatorRegistry/ValidatorRegistry";
import { StakeChange, Validator } from "../generated/schema";
import { eventId, getProtocol, zero } from "./helpers";

export function getValidator(address: Address): Validator {
  let v = Validator.load(address);
  if (v != null) return v;
  v = new Validator(address);
  v.stake = zero();
  v.unbonding = zero();
  v.unbondingReadyAt = zero();
  v.listed = false;
  v.activeCases = 0;
  v.slashed = zero();
  v.rewards = zero();
  return v;
}

function stakeChange(event: ethereum.Event, v: Validator, kind: string, amount: BigInt): void {
  const c = new StakeChange(eventId(event));
  c.account = v.id;
  c.role = "Validator";
  c.kind = kind;
  c.amount = amount;
  c.validator = v.id;
  c.timestamp = event.block.timestamp;
  c.block = event.block.number;
  c.save();
}

export function handleValidatorStaked(event: ValidatorStaked): void {
  const v = getValidator(event.params.validator);
  v.stake = event.params.totalStake;
  v.save();
  const p = getProtocol();
  p.validatorStake = p.validatorStake.plus(event.params.amount);
  p.save();
  stakeChange(event, v, "Stake", event.params.amount);
}

export function handleValidatorUnbondRequested(event: ValidatorUnbondRequested): void {
  const v = getValidator(event.params.validator);
  v.stake = v.stake.minus(event.params.amount);
  v.unbonding = event.params.totalUnbonding;
  v.unbondingReadyAt = event.params.readyAt;
  v.save();
  const p = getProtocol();
  p.validatorStake = p.validatorStake.minus(event.params.amount);
  p.save();
  stakeChange(event, v, "UnbondRequested", event.params.amount);
}

export function handleValidatorUnbondWithdrawn(event: ValidatorUnbondWithdrawn): void {
  const v = getValidator(event.params.validator);
  v.unbonding = v.unbonding.minus(event.params.amount);
  v.save();
  stakeChange(event, v, "UnbondWithdrawn", event.params.amount);
}

export function handleValidatorSlashed(event: ValidatorSlashed): void {
  const v = getValidator(event.params.validator);
  const amount = event.params.amount;
  const fromStake = amount.gt(v.stake) ? v.stake : amount;
  v.stake = v.stake.minus(fromStake);
  v.unbonding = v.unbonding.minus(amount.minus(fromStake));
  v.slashed = v.slashed.plus(amount);
  v.save();
  const p = getProtocol();
  p.validatorStake = p.validatorStake.minus(fromStake);
  p.slashed = p.slashed.plus(amount);
  p.save();
  stakeChange(event, v, "Slashed", amount);
}

export function handleValidatorListed(event: ValidatorListed): void {
  const v = getValidator(event.params.validator);
  if (!v.listed) {
    const p = getProtocol();
    p.validators += 1;
    p.save();
  }
  v.listed = true;
  v.save();
}

export function handleValidatorDelisted(event: ValidatorDelisted): void {
  const v = getValidator(event.params.validator);
  if (v.listed) {
    const p = getProtocol();
    p.validators -= 1;
    p.save();
  }
  v.listed = false;
  v.save();
}

export function handleCaseAssigned(event: CaseAssigned): void {
  const v = getValidator(event.params.validator);
  v.activeCases = event.params.activeCases.toI32();
  v.save();
}

export function handleCaseReleased(event: CaseReleased): void {
  const v = getValidator(event.params.validator);
  v.activeCases = event.params.activeCases.toI32();
  v.save();
}
