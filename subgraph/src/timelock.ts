import { Bytes } from "@graphprotocol/graph-ts";
import { CallExecuted, CallSalt, CallScheduled, Cancelled, MinDelayChange } from "../generated/GridTimelock/GridTimelock";
import { TimelockOperation } from "../generated/schema";
import { recordParamChange } from "./helpers";

export function handleMinDelayChange(event: MinDelayChange): void {
  recordParamChange(event, "TimelockDelay", "GridTimelock", event.params.oldDuration, event.params.newDuration, null, null, "");
}

/** One CallScheduled per call of a batch; the first creates the operation. */
export function handleCallScheduled(event: CallScheduled): void {
  let op = TimelockOperation.load(event.params.id);
  if (op == null) {
    op = new TimelockOperation(event.params.id);
    op.state = "Scheduled";
    op.calls = 0;
    op.targets = new Array<Bytes>(0);
    op.delay = event.params.delay;
    op.predecessor = event.params.predecessor;
    op.scheduledAt = event.block.timestamp;
  }
  const targets = op.targets;
  targets.push(event.params.target);
  op.targets = targets;
  op.calls += 1;
  op.save();
}

export function handleCallSalt(event: CallSalt): void {
  const op = TimelockOperation.load(event.params.id);
  if (op == null) return;
  op.salt = event.params.salt;
  op.save();
}

export function handleCallExecuted(event: CallExecuted): void {
  const op = TimelockOperation.load(event.params.id);
  if (op == null) return;
  op.state = "Executed";
  op.executedAt = event.block.timestamp;
  op.save();
}

export function handleCancelled(event: Cancelled): void {
  const op = TimelockOperation.load(event.params.id);
  if (op == null) return;
  op.state = "Cancelled";
  op.cancelledAt = event.block.timestamp;
  op.save();
}
