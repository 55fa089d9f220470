import { NetworkOverview } from "./_components/NetworkOverview";

export default function NetworkPage() {
  return (
    <>
      <h1>Network</h1>
      <NetworkOverview />
    </>
  );
}
