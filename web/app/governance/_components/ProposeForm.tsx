"use client";
// Builds one ProtocolConfig call (setParam, or setFeeSplit for the three fee shares that must
// sum to 10000), checks the new value against the contract's own bounds before anything is
// sent, and proposes it to the governor.
import { useId, useState, type FormEvent } from "react";
import { encodeFunctionData, parseEventLogs, type Hex } from "viem";
import { useAccount } from "wagmi";
import { gridGovernorAbi, protocolConfigAbi } from "@infergrid/sdk/abis";
import { Empty, ErrorState, Loading } from "@/components/States";
import { TxStatus } from "@/components/TxStatus";
import { useDeployment } from "@/hooks/useAppConfig";
import { useWriteInferGrid } from "@/hooks/useWriteInferGrid";
import css from "./governance.module.css";
import { formatParamValue, parseParamInput, unitHint } from "./paramFormat";
import type { ParamRow, ProtocolParams } from "./useProtocolParams";

const FEE_SPLIT = "FeeSplit";
const FEE_NAMES = ["WorkerShareBps", "CreatorShareBps", "TreasuryShareBps"] as const;

type Built = { calldata: Hex; summary: string };

export function ProposeForm({ params }: { params: ProtocolParams }) {
  const { address } = useAccount();
  if (params.error && !params.data) return <ErrorState error={params.error} what="the protocol parameters" />;
  if (!params.data) return <Loading what="the protocol parameters" />;
  if (!address) return <Empty>Connect a wallet to propose a parameter change.</Empty>;
  return <Form rows={params.data} />;
}

function Form({ rows }: { rows: ParamRow[] }) {
  const d = useDeployment();
  const tx = useWriteInferGrid({ contract: "GridGovernor" });
  const id = useId();
  const [choice, setChoice] = useState(rows.find((r) => !r.param.feeShare)!.param.name);
  const [value, setValue] = useState("");
  const [shares, setShares] = useState<Record<string, string>>({});
  const [description, setDescription] = useState("");
  const [problems, setProblems] = useState<string[]>([]);

  const byName = new Map(rows.map((r) => [r.param.name, r]));
  const row = byName.get(choice);
  const feeRows = FEE_NAMES.map((n) => byName.get(n)!);

  const build = (): Built | string[] => {
    const errors: string[] = [];
    let built: Built | null = null;
    if (choice === FEE_SPLIT) {
      const parsed = feeRows.map((r) => parseParamInput(r.param, shares[r.param.name] ?? "", r.bounds));
      for (const p of parsed) if (!p.ok) errors.push(p.error);
      if (errors.length === 0) {
        const [w, c, t] = parsed.map((p) => (p.ok ? p.value : 0n)) as [bigint, bigint, bigint];
        if (w + c + t !== 10_000n)
          errors.push(
            `The three fee shares must sum to 10,000 bps (100%); these sum to ${(w + c + t).toString()} bps.`,
          );
        else if (feeRows.every((r, k) => r.value === [w, c, t][k]))
          errors.push("That is the current fee split; change at least one share.");
        else
          built = {
            calldata: encodeFunctionData({
              abi: protocolConfigAbi,
              functionName: "setFeeSplit",
              args: [Number(w), Number(c), Number(t)],
            }),
            summary: `fee split ${w}/${c}/${t}`,
          };
      }
    } else if (row) {
      const p = parseParamInput(row.param, value, row.bounds);
      if (!p.ok) errors.push(p.error);
      else if (p.value === row.value)
        errors.push(
          `${row.param.name} is already ${formatParamValue(row.param.unit, row.value)}; enter a different value.`,
        );
      else
        built = {
          calldata: encodeFunctionData({
            abi: protocolConfigAbi,
            functionName: "setParam",
            args: [row.param.index, p.value],
          }),
          summary: `${row.param.name} ${p.value}`,
        };
    }
    if (description.trim() === "")
      errors.push("Write a description: the first line is the proposal's title, voters read the rest.");
    return errors.length > 0 || !built ? errors : built;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const b = build();
    if (Array.isArray(b)) {
      tx.reset();
      setProblems(b);
      return;
    }
    setProblems([]);
    const receipt = await tx.writeContractAsync(
      { functionName: "propose", args: [[d.ProtocolConfig], [0n], [b.calldata], description] },
      {
        label: "Propose",
        done: (r) => {
          const [created] = parseEventLogs({ abi: gridGovernorAbi, eventName: "ProposalCreated", logs: r.logs });
          return created
            ? `Proposal ${created.args.proposalId.toString().slice(0, 12)}… created; voting opens after the voting delay.`
            : "Proposal created.";
        },
      },
    );
    if (receipt) {
      setValue("");
      setShares({});
      setDescription("");
    }
  };

  return (
    <form className="stack panel" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={css.formTitle}>
        Propose a parameter change
      </h3>
      <label>
        Parameter
        <select
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value);
            setProblems([]);
          }}
        >
          {rows
            .filter((r) => !r.param.feeShare)
            .map((r) => (
              <option key={r.param.name} value={r.param.name}>
                {r.param.name}
              </option>
            ))}
          <option value={FEE_SPLIT}>Fee split (worker / creator / treasury)</option>
        </select>
      </label>
      {choice !== FEE_SPLIT && row && (
        <>
          <dl className="facts" aria-live="polite">
            <dt>What it is</dt>
            <dd>{row.param.description}</dd>
            <dt>Current value</dt>
            <dd data-testid="current-value">{formatParamValue(row.param.unit, row.value)}</dd>
            <dt>Allowed</dt>
            <dd data-testid="bounds">
              {formatParamValue(row.param.unit, row.bounds.min)} to {formatParamValue(row.param.unit, row.bounds.max)}
            </dd>
          </dl>
          <label>
            New value ({unitHint(row.param.unit)})
            <input
              value={value}
              onChange={(e) => setValue(e.target.value)}
              inputMode={row.param.unit === "grid" ? "decimal" : "numeric"}
              autoComplete="off"
              aria-invalid={problems.length > 0}
              aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
            />
          </label>
        </>
      )}
      {choice === FEE_SPLIT && (
        <fieldset className={css.fieldset}>
          <legend className="muted">New fee split in basis points (100 = 1%), summing to 10,000</legend>
          <div className="row">
            {feeRows.map((r) => (
              <label key={r.param.name}>
                {r.param.name} (now {r.value.toString()}, allowed {r.bounds.min.toString()} to {r.bounds.max.toString()}
                )
                <input
                  value={shares[r.param.name] ?? ""}
                  onChange={(e) => setShares({ ...shares, [r.param.name]: e.target.value })}
                  inputMode="numeric"
                  autoComplete="off"
                  aria-invalid={problems.length > 0}
                />
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <label>
        Description
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="Title on the first line, then the reasons"
        />
      </label>
      {problems.length > 0 && (
        <div id={`${id}-problems`} className="state error" role="alert">
          {problems.map((p) => (
            <p key={p} className={css.problem}>
              {p}
            </p>
          ))}
        </div>
      )}
      <div>
        <button type="submit" disabled={tx.busy}>
          Propose
        </button>
      </div>
      <TxStatus status={tx.status} testId="propose-status" />
    </form>
  );
}
