import type { Metadata } from "next";
import { Governance } from "./_components/Governance";

export const metadata: Metadata = { title: "Governance · InferGrid" };

export default function GovernancePage() {
  return (
    <>
      <h1>Governance</h1>
      <Governance />
    </>
  );
}
