"use client";
import type { Route } from "@infergrid/sdk";
import { ErrorState, Loading } from "@/components/States";
import { shortAddress } from "@/lib/format";
import { formatPrice } from "./price";
import styles from "./playground.module.css";

/** The router's answer for the current form: who would take the job, at what price, and who not and why. */
export function EligibleWorkers(p: {
  route: Route | undefined;
  error: Error | null;
  pending: boolean;
  redundancy: number;
}) {
  if (p.error && !p.route) return <ErrorState error={p.error} what="eligible workers" />;
  if (!p.route) return p.pending ? <Loading what="eligible workers" /> : null;
  const { ranked, exclusions } = p.route;
  return (
    <div className="stack" data-testid="eligible-workers">
      {ranked.length === 0 ? (
        <div className="state error" role="status">
          <strong>No eligible worker</strong> for this model at this price.
        </div>
      ) : (
        <p className="muted">
          {ranked.length} eligible worker{ranked.length === 1 ? "" : "s"}
          {ranked.length < p.redundancy ? ` — fewer than the redundancy ${p.redundancy} you asked for` : ""}; the first{" "}
          {Math.min(p.redundancy, ranked.length)} in this order would get the job.
        </p>
      )}
      {ranked.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="muted">Eligible workers, best first</caption>
            <thead>
              <tr>
                <th>Worker</th>
                <th className="num">Input price</th>
                <th className="num">Output price</th>
                <th className="num">Elo</th>
                <th className="num">Round trip</th>
                <th className="num">Load</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((w) => (
                <tr key={w.address}>
                  <td className="mono" title={`${w.address} at ${w.endpoint}`}>
                    {shortAddress(w.address)}
                  </td>
                  <td className="num">{formatPrice(w.pricePerInputToken)}</td>
                  <td className="num">{formatPrice(w.pricePerOutputToken)}</td>
                  <td className="num">{w.elo}</td>
                  <td className="num">{w.rttMs} ms</td>
                  <td className="num">
                    {w.activeJobs}/{w.capacity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {exclusions.length > 0 && (
        <details open={ranked.length === 0}>
          <summary>
            {exclusions.length} worker{exclusions.length === 1 ? "" : "s"} left out
          </summary>
          <ul className={styles.plain}>
            {exclusions.map((e) => (
              <li key={e.worker}>
                <span className="mono">{shortAddress(e.worker)}</span>: {e.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
