import { JobDetail } from "../_components/JobDetail";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <h1>Job #{id}</h1>
      <JobDetail id={id} />
    </>
  );
}
