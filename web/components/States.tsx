// Every page shows one of these while its data is loading, empty or failed.
import type { ReactNode } from "react";

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function ErrorState({ error, what }: { error: Error; what: string }) {
  return (
    <div className="state error" role="alert">
      <strong>Could not load {what}.</strong> {error.message}
    </div>
  );
}

/** Loading, error or the content; `isEmpty` picks the empty message. */
export function QueryState<T>(p: {
  what: string;
  query: { data: T | undefined; error: Error | null; isPending: boolean };
  isEmpty?: (d: T) => boolean;
  empty?: ReactNode;
  children: (d: T) => ReactNode;
}) {
  if (p.query.error && p.query.data === undefined) return <ErrorState error={p.query.error} what={p.what} />;
  if (p.query.data === undefined) return <Loading what={p.what} />;
  if (p.isEmpty?.(p.query.data)) return <Empty>{p.empty ?? `No ${p.what} yet.`}</Empty>;
  return <>{p.children(p.query.data)}</>;
}

/** A failed action explained (lib/explainError): the title as the headline, then the cause. */
export function ProblemAlert(p: { title: string; message: string; testId?: string | undefined; className?: string }) {
  return (
    <div className={p.className ? `state error ${p.className}` : "state error"} role="alert" data-testid={p.testId}>
      <strong>{p.title}.</strong> {p.message}
    </div>
  );
}
