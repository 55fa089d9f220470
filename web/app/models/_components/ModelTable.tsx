"use client";
// Every registered model with its usage and the royalties its creator earned (the subgraph's MODELS).
import { QueryState } from "@/components/States";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt, shortAddress } from "@/lib/format";
import type { ModelsData } from "./types";
import styles from "./models.module.css";

export function ModelTable({ me }: { me: string | undefined }) {
  const q = useSubgraph<ModelsData>("MODELS", { first: 100 });
  const mine = me?.toLowerCase();
  return (
    <QueryState
      what="models"
      query={q}
      isEmpty={(d) => d.models.length === 0}
      empty="No models registered yet: register one below."
    >
      {(d) => (
        <div className="table-wrap">
          <table data-testid="model-registry">
            <caption className={styles.srOnly}>Registered models, busiest first, with usage and royalties</caption>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">Name</th>
                <th scope="col">Format</th>
                <th scope="col">Creator</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Jobs
                </th>
                <th scope="col" className="num">
                  Tokens served
                </th>
                <th scope="col" className="num">
                  Fees
                </th>
                <th scope="col" className="num">
                  Royalties
                </th>
              </tr>
            </thead>
            <tbody>
              {d.models.map((m) => (
                <tr key={m.id} data-model-id={m.id}>
                  <td>#{m.id}</td>
                  <th scope="row" className={styles.name}>
                    {m.name}
                  </th>
                  <td>{m.format}</td>
                  <td>
                    <span className="mono" title={m.creator.id}>
                      {shortAddress(m.creator.id)}
                    </span>
                    {m.creator.id === mine && <span className={`badge ${styles.you}`}>you</span>}
                  </td>
                  <td>
                    {m.active ? <span className="badge ok">active</span> : <span className="badge bad">inactive</span>}
                  </td>
                  <td className="num">{formatInt(m.jobCount)}</td>
                  <td className="num">{formatInt(m.tokensServed)}</td>
                  <td className="num">{formatGrid(m.fees, 18)}</td>
                  <td className="num">{formatGrid(m.royalties, 18)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
