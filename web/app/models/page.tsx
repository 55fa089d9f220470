import { ModelsView } from "./_components/ModelsView";

export const metadata = { title: "Models · InferGrid" };

export default function ModelsPage() {
  return (
    <>
      <h1>Models</h1>
      <ModelsView />
    </>
  );
}
