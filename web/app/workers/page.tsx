import { Leaderboard } from "./_components/Leaderboard";

export default function WorkersPage() {
  return (
    <>
      <h1>Workers</h1>
      <p className="muted">
        The leaderboard of registered workers. Open a worker for its endpoint, models, prices, results and stake
        history.
      </p>
      <Leaderboard />
    </>
  );
}
