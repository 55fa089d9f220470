// How an account becomes a worker or a validator. The daemons do the registering; the stake can
// also be put up here first.
import styles from "./node.module.css";

export function BecomeNode({ connected }: { connected: boolean }) {
  return (
    <div className="stack">
      <p>
        <strong>Workers</strong> stake GRID, serve models at their own per-token prices and earn 70% of the fees of the
        jobs they run (the model creator gets 20%, the DAO treasury 10%). <strong>Validators</strong> stake GRID and
        re-execute sampled or disputed jobs; the majority is rewarded, the minority slashed. Both stakes are slashable
        and leave through an unbonding period.
      </p>
      <ol>
        <li>
          Run the worker daemon with your key and a config (endpoint, models, prices); on first start it registers your
          profile, stakes and sets your prices:
          <pre className={`mono ${styles.cli}`}>
            INFERGRID_WORKER_KEY=0x… ./infergrid worker start --config worker.json
          </pre>
        </li>
        <li>
          Or stake from the command line (the validator daemon is{" "}
          <code>./infergrid validator start --config validator.json</code>):
          <pre className={`mono ${styles.cli}`}>./infergrid stake 1000{"\n"}./infergrid stake 1000 --validator</pre>
        </li>
        <li>
          {connected
            ? "Or stake with the forms below from this wallet; then start the daemon to register and serve."
            : "Or connect a wallet and stake from this page."}
        </li>
      </ol>
    </div>
  );
}
