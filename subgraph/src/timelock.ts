import { MinDelayChange } from "../generated/GridTimelock/GridTimelock";
import { recordParamChange } from "./helpers";

export function handleMinDelayChange(event: MinDelayChange): void {
  recordParamChange(event, "TimelockDelay", "GridTimelock", event.params.oldDuration, event.params.newDuration, null, null, "");
}
