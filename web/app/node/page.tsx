import { NodeDashboard } from "./_components/NodeDashboard";

export const metadata = { title: "My node · InferGrid" };

export default function NodePage() {
  return (
    <>
      <h1>My node</h1>
      <NodeDashboard />
    </>
  );
}
