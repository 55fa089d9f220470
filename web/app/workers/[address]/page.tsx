import { getAddress, isAddress } from "viem";
import { WorkerDetail } from "../_components/WorkerDetail";

export default async function WorkerPage({ params }: { params: Promise<{ address: string }> }) {
  const { address: raw } = await params;
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // Keep the raw segment: it is only shown back to the user.
  }
  // Any case is accepted: a lowercase link from the subgraph and a checksummed one name the same worker.
  if (!isAddress(text, { strict: false })) {
    return (
      <>
        <h1>Worker</h1>
        <div className="state error" role="alert" data-testid="invalid-address">
          <strong>Not a worker address:</strong> &ldquo;<span className="mono">{text}</span>&rdquo; is not an Ethereum
          address (0x followed by 40 hexadecimal digits). Pick a worker from the <a href="/workers">leaderboard</a>.
        </div>
      </>
    );
  }
  const address = getAddress(text);
  return (
    <>
      <h1>Worker</h1>
      <p className="mono" data-testid="worker-address">
        {address}
      </p>
      <WorkerDetail address={address} />
    </>
  );
}
