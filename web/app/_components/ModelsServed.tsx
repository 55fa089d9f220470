"use client";
import { QueryState } from "@/components/States";
import { useSubgraph } from "@/hooks/useSubgraph";
import { useWorkerDirectory } from "@/hooks/useWorkerDirectory";
import { formatPrice } from "@/lib/workers";
import styles from "./network.module.css";

type ModelNames = { models: { id: string; name: string; active: boolean }[] };

type ServedRow = { modelId: bigint; serving: number; online: number; minIn: bigint; minOut: bigint };

/** Models that at least one registered, unpaused worker serves on chain. */
export function ModelsServed() {
  const directory = useWorkerDirectory();
  const names = useSubgraph<ModelNames>("MODELS", { first: 100 });
  return (
    <section aria-labelledby="models-served" className={styles.section}>
      <h2 id="models-served">Models served</h2>
      <p className={`muted ${styles.definition}`}>
        A model is served when at least one registered worker that is not paused has a price for it on chain;
        &quot;online&quot; counts those of them that answer their health check now.
      </p>
      <QueryState what="served models" query={directory}>
        {(d) => {
          const rows = new Map<bigint, ServedRow>();
          for (const w of d.workers) {
            if (w.paused) continue;
            for (const m of w.models) {
              const r = rows.get(m.modelId) ?? {
                modelId: m.modelId,
                serving: 0,
                online: 0,
                minIn: m.pricePerInputToken,
                minOut: m.pricePerOutputToken,
              };
              r.serving += 1;
              if (w.online) r.online += 1;
              if (m.pricePerInputToken < r.minIn) r.minIn = m.pricePerInputToken;
              if (m.pricePerOutputToken < r.minOut) r.minOut = m.pricePerOutputToken;
              rows.set(m.modelId, r);
            }
          }
          const served = [...rows.values()].sort((a, b) => b.online - a.online || (a.modelId < b.modelId ? -1 : 1));
          if (served.length === 0)
            return <p className="state empty">No model is served: no unpaused worker has a price for any model.</p>;
          const nameOf = (id: bigint) => names.data?.models.find((m) => m.id === id.toString())?.name;
          return (
            <>
              <div className="cards">
                <div className="card" data-stat="models-served">
                  <div className="label">Models served</div>
                  <div className="value">{served.length}</div>
                  <div className="muted">{served.filter((r) => r.online > 0).length} with a worker online</div>
                </div>
              </div>
              <div className="table-wrap" style={{ marginTop: 12 }}>
                <table>
                  <caption className="muted">Served models and their cheapest prices per token</caption>
                  <thead>
                    <tr>
                      <th scope="col">Model</th>
                      <th scope="col" className="num">
                        Workers online
                      </th>
                      <th scope="col" className="num">
                        Workers serving
                      </th>
                      <th scope="col" className="num">
                        From (input)
                      </th>
                      <th scope="col" className="num">
                        From (output)
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {served.map((r) => (
                      <tr key={r.modelId.toString()} data-model={r.modelId.toString()}>
                        <td>
                          {nameOf(r.modelId) ?? (names.error ? "(name unavailable)" : "…")}{" "}
                          <span className="muted">#{r.modelId.toString()}</span>
                        </td>
                        <td className="num">{r.online}</td>
                        <td className="num">{r.serving}</td>
                        <td className="num">{formatPrice(r.minIn)}</td>
                        <td className="num">{formatPrice(r.minOut)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
