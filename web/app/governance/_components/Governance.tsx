"use client";
import { GovernanceRules } from "./GovernanceRules";
import { ParamHistory } from "./ParamHistory";
import { ParamsTable } from "./ParamsTable";
import { Proposals } from "./Proposals";
import { ProposeForm } from "./ProposeForm";
import { useGovernanceClock } from "./useGovernanceClock";
import { useProtocolParams } from "./useProtocolParams";
import { VotingPower } from "./VotingPower";

export function Governance() {
  const params = useProtocolParams();
  const clock = useGovernanceClock();
  return (
    <>
      <section aria-labelledby="gov-rules">
        <h2 id="gov-rules">How it works</h2>
        <GovernanceRules clock={clock} />
      </section>
      <section aria-labelledby="gov-you">
        <h2 id="gov-you">Your votes</h2>
        <VotingPower />
      </section>
      <section aria-labelledby="gov-proposals">
        <h2 id="gov-proposals">Proposals</h2>
        <Proposals params={params} clock={clock} />
      </section>
      <section aria-labelledby="gov-propose">
        <h2 id="gov-propose">New proposal</h2>
        <ProposeForm params={params} />
      </section>
      <section aria-labelledby="gov-params">
        <h2 id="gov-params">Protocol parameters</h2>
        <ParamsTable params={params} />
      </section>
      <section aria-labelledby="gov-history">
        <h2 id="gov-history">Parameter history</h2>
        <ParamHistory clock={clock} />
      </section>
    </>
  );
}
