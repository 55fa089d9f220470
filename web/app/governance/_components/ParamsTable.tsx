"use client";
import { QueryState } from "@/components/States";
import css from "./governance.module.css";
import { formatParamValue } from "./paramFormat";
import type { ProtocolParams } from "./useProtocolParams";

/** Every ProtocolConfig parameter as the chain holds it now, with its hard bounds. */
export function ParamsTable({ params }: { params: ProtocolParams }) {
  return (
    <QueryState what="the protocol parameters" query={params} isEmpty={(rows) => rows.length === 0}>
      {(rows) => (
        <div className="table-wrap">
          <table>
            <caption className={css.caption}>
              Read from ProtocolConfig; each value can only be set within its bounds, and only by the timelock.
            </caption>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col" className="num">
                  Current value
                </th>
                <th scope="col">Bounds</th>
                <th scope="col">What it is</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.param.name} data-param={r.param.name}>
                  <th scope="row" className="mono">
                    {r.param.name}
                  </th>
                  <td className="num" data-testid="param-value">
                    {formatParamValue(r.param.unit, r.value)}
                  </td>
                  <td>
                    {formatParamValue(r.param.unit, r.bounds.min)} to {formatParamValue(r.param.unit, r.bounds.max)}
                  </td>
                  <td className={css.wrap}>
                    {r.param.description}
                    {r.param.feeShare ? " (the three shares change together)" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
