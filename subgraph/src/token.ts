import { Address } from "@graphprotocol/graph-ts";
import { DelegateChanged, DelegateVotesChanged, Transfer } from "../generated/GridToken/GridToken";
import { getAccount } from "./helpers";

export function handleTransfer(event: Transfer): void {
  // Mints and burns involve the zero address, which holds no balance worth tracking.
  if (event.params.from != Address.zero()) {
    const from = getAccount(event.params.from);
    from.tokenBalance = from.tokenBalance.minus(event.params.value);
    from.save();
  }
  if (event.params.to != Address.zero()) {
    const to = getAccount(event.params.to);
    to.tokenBalance = to.tokenBalance.plus(event.params.value);
    to.save();
  }
}

export function handleDelegateChanged(event: DelegateChanged): void {
  const a = getAccount(event.params.delegator);
  a.delegate = event.params.toDelegate;
  a.save();
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  const a = getAccount(event.params.delegate);
  a.votes = event.params.newVotes;
  a.save();
}
