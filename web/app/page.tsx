import { ModelsServed } from "./_components/ModelsServed";
import { NetworkOverview } from "./_components/NetworkOverview";
import { WorkersOnline } from "./_components/WorkersOnline";

export default function NetworkPage() {
  return (
    <>
      <h1>Network</h1>
      <NetworkOverview />
      <WorkersOnline />
      <ModelsServed />
    </>
  );
}
