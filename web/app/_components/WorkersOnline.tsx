"use client";
import Link from "next/link";
import { QueryState } from "@/components/States";
import {
  DIRECTORY_REFRESH_MS,
  HEALTH_TIMEOUT_MS,
  useWorkerDirectory,
  type DirectoryWorker,
} from "@/hooks/useWorkerDirectory";
import { formatGrid, shortAddress } from "@/lib/format";
import { formatRegion } from "@/lib/workers";
import styles from "./network.module.css";

function StatusCell({ w }: { w: DirectoryWorker }) {
  if (w.paused) return <span className="badge warn">paused</span>;
  if (w.health?.ok) return <span className="badge ok">online</span>;
  return (
    <span className="badge bad" title={w.health?.reason}>
      unreachable
    </span>
  );
}

/** Every registered worker, online or not, and what "online" means. */
export function WorkersOnline() {
  const q = useWorkerDirectory();
  return (
    <section aria-labelledby="workers-online" className={styles.section}>
      <h2 id="workers-online">Workers online</h2>
      <p className={`muted ${styles.definition}`}>
        Online means registered on chain, not paused by its operator, and answering its endpoint&apos;s{" "}
        <span className="mono">/health</span> with status &quot;ok&quot; for its own address and this chain within{" "}
        {HEALTH_TIMEOUT_MS / 1000} s. Your browser asks every {DIRECTORY_REFRESH_MS / 1000} s.
      </p>
      <QueryState what="workers" query={q} isEmpty={(d) => d.workers.length === 0} empty="No worker is registered yet.">
        {(d) => {
          const online = d.workers.filter((w) => w.online);
          return (
            <>
              <div className="cards">
                <div className="card" data-stat="workers-online">
                  <div className="label">Online now</div>
                  <div className="value">
                    {online.length} of {d.workers.length}
                  </div>
                  <div className="muted">registered workers</div>
                </div>
              </div>
              <div className="table-wrap" style={{ marginTop: 12 }}>
                <table>
                  <caption className="muted">
                    Registered workers, checked {new Date(d.checkedAt).toLocaleTimeString("en-GB")}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Worker</th>
                      <th scope="col">Status</th>
                      <th scope="col">Endpoint</th>
                      <th scope="col">Region</th>
                      <th scope="col" className="num">
                        Elo
                      </th>
                      <th scope="col" className="num">
                        Load
                      </th>
                      <th scope="col" className="num">
                        Stake
                      </th>
                      <th scope="col" className="num">
                        Round trip
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.workers.map((w) => (
                      <tr key={w.address} data-worker={w.address.toLowerCase()}>
                        <td className="mono">
                          <Link href={`/workers/${w.address}`} title={w.address}>
                            {shortAddress(w.address)}
                          </Link>
                        </td>
                        <td>
                          <StatusCell w={w} />
                          {w.health && !w.health.ok && <div className="muted">{w.health.reason}</div>}
                        </td>
                        <td className="mono">{w.endpoint}</td>
                        <td>{formatRegion(w.region)}</td>
                        <td className="num">{w.elo}</td>
                        <td className="num">
                          {w.activeJobs}/{w.capacity}
                        </td>
                        <td className="num">{formatGrid(w.stake, 0)}</td>
                        <td className="num">{w.health?.ok ? `${Math.round(w.health.rttMs)} ms` : "-"}</td>
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
