import { Playground } from "./_components/Playground";

export default function PlaygroundPage() {
  return (
    <>
      <h1>Playground</h1>
      <p className="muted">
        Ask a model; the router picks the workers, the sdk posts the job with its escrow, the tokens stream from the
        worker as it generates, and the output is checked against the worker&apos;s on-chain commitment.
      </p>
      <Playground />
    </>
  );
}
