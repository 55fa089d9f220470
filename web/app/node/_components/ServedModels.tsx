"use client";
// The models a worker serves and its per-token prices, as WorkerRegistry stores them: a set of
// model ids per worker (modelsOf) and one ModelPrice per (worker, model). setModelPrice adds a
// model to the set or updates its prices; removeModel takes it out.
import { type FormEvent, type ReactNode, useId, useState } from "react";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { Empty, ErrorState, Loading } from "@/components/States";
import { TxStatus } from "@/components/TxStatus";
import { useContracts } from "@/hooks/useContracts";
import { useWriteInferGrid } from "@/hooks/useWriteInferGrid";
import { useSubgraph } from "@/hooks/useSubgraph";
import { parseWeiPrice } from "@/lib/amounts";
import { formatGrid, formatInt } from "@/lib/format";
import styles from "./node.module.css";

type ModelsData = { models: { id: string; name: string; active: boolean }[] };

export function ServedModels({ account, registered }: { account: Address; registered: boolean }) {
  const { WorkerRegistry, ModelRegistry } = useContracts();
  const ids = useReadContract({ ...WorkerRegistry, functionName: "modelsOf", args: [account] });
  const list = ids.data ?? [];
  const details = useReadContracts({
    allowFailure: false,
    contracts: list.flatMap((id) => [
      { ...WorkerRegistry, functionName: "modelPrice", args: [account, id] } as const,
      { ...ModelRegistry, functionName: "metadata", args: [id] } as const,
    ]),
    query: { enabled: list.length > 0 },
  });
  const removeTx = useWriteInferGrid({ contract: "WorkerRegistry" });

  let table: ReactNode;
  if (ids.error && !ids.data) table = <ErrorState error={ids.error} what="your served models" />;
  else if (!ids.data) table = <Loading what="your served models" />;
  else if (list.length === 0)
    table = (
      <Empty>
        No models served yet: set a price for a model below (the daemon does this on start for its configured models).
      </Empty>
    );
  else if (details.error && !details.data) table = <ErrorState error={details.error} what="model prices" />;
  else if (!details.data) table = <Loading what="model prices" />;
  else {
    const rows = list.map((id, i) => {
      const price = details.data[2 * i] as { pricePerInputToken: bigint; pricePerOutputToken: bigint };
      const meta = details.data[2 * i + 1] as readonly [string, string, string];
      return { id, name: meta[0], format: meta[2], ...price };
    });
    table = (
      <div className="table-wrap">
        <table>
          <caption className={styles.srOnly}>Models this worker serves, with its prices in GRID wei per token</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Input price (wei/token)
              </th>
              <th scope="col" className="num">
                Output price (wei/token)
              </th>
              <th scope="col" className="num">
                1k output tokens
              </th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id.toString()}>
                <td>
                  #{r.id.toString()} {r.name} <span className="muted">{r.format}</span>
                </td>
                <td className="num">{formatInt(r.pricePerInputToken)}</td>
                <td className="num">{formatInt(r.pricePerOutputToken)}</td>
                <td className="num">{formatGrid(r.pricePerOutputToken * 1000n, 8)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={removeTx.busy}
                    onClick={() =>
                      removeTx.writeContractAsync(
                        { functionName: "removeModel", args: [r.id] },
                        { label: `Stop serving ${r.name}`, done: () => `No longer serving ${r.name}.` },
                      )
                    }
                  >
                    Stop serving {r.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <div className="stack">
      {table}
      <TxStatus status={removeTx.status} />
      {registered ? (
        <SetPriceForm />
      ) : (
        <p className="muted">Prices can be set once the worker is registered (the daemon registers on first start).</p>
      )}
    </div>
  );
}

function SetPriceForm() {
  const models = useSubgraph<ModelsData>("MODELS", { first: 100 });
  const tx = useWriteInferGrid({ contract: "WorkerRegistry" });
  const ids = useId();
  const [model, setModel] = useState("");
  const [priceIn, setPriceIn] = useState("");
  const [priceOut, setPriceOut] = useState("");
  const [error, setError] = useState<string | null>(null);
  const active = (models.data?.models ?? []).filter((m) => m.active);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(model)) return setError("Choose a model.");
    const pin = parseWeiPrice(priceIn, "Input price");
    if (!pin.ok) return setError(pin.error);
    const pout = parseWeiPrice(priceOut, "Output price");
    if (!pout.ok) return setError(pout.error);
    setError(null);
    const id = BigInt(model);
    await tx.writeContractAsync(
      { functionName: "setModelPrice", args: [id, pin.value, pout.value] },
      {
        label: "Set model price",
        done: () =>
          `Model #${id}: ${formatInt(pin.value)} wei per input token, ${formatInt(pout.value)} wei per output token.`,
      },
    );
  };

  return (
    <form className={`stack ${styles.form}`} onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-h`}>
      <h4 id={`${ids}-h`}>Set or update a price</h4>
      <div className="row">
        <label htmlFor={`${ids}-model`}>
          Model
          <select id={`${ids}-model`} value={model} onChange={(e) => setModel(e.target.value)}>
            <option value="">
              {models.isPending ? "Loading models…" : models.error ? "Models unavailable" : "Choose a model"}
            </option>
            {active.map((m) => (
              <option key={m.id} value={m.id}>
                #{m.id} {m.name}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${ids}-in`}>
          Price per input token (GRID wei)
          <input
            id={`${ids}-in`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="1000000000"
            value={priceIn}
            onChange={(e) => setPriceIn(e.target.value)}
          />
        </label>
        <label htmlFor={`${ids}-out`}>
          Price per output token (GRID wei)
          <input
            id={`${ids}-out`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="2000000000"
            value={priceOut}
            onChange={(e) => setPriceOut(e.target.value)}
          />
        </label>
      </div>
      {models.error && <ErrorState error={models.error} what="the model list" />}
      {error && (
        <p className="state error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={tx.busy}>
        Set price
      </button>
      <TxStatus status={tx.status} />
    </form>
  );
}
