"use client";
import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import type { PublicClient } from "viem";
import { useAccount, usePublicClient, useReadContract } from "wagmi";
import { eligibleWorkers, listModels } from "@infergrid/sdk";
import type { JobResult } from "@infergrid/sdk/client";
import { ErrorState, Loading, ProblemAlert } from "@/components/States";
import { useAppConfig, useDeployment } from "@/hooks/useAppConfig";
import { useInferGridClient } from "@/hooks/useInferGridClient";
import { useContracts } from "@/hooks/useContracts";
import { formatGrid } from "@/lib/format";
import { explainError, type Explanation } from "@/lib/explainError";
import { EligibleWorkers } from "./EligibleWorkers";
import { JobProgress, type SentTx } from "./JobProgress";
import { parsePrice } from "./price";
import styles from "./playground.module.css";

// The sdk's runJob gives each worker this long to the deadline; the preview asks the router the same.
const DEADLINE_SECONDS = 600;
const MAX_REDUNDANCY_UI = 5;

type Phase = "idle" | "running" | "done";

export function Playground() {
  const { chainId } = useAppConfig();
  const deployment = useDeployment();
  const contracts = useContracts();
  const publicClient = usePublicClient({ chainId }) as PublicClient | undefined;
  const { address, isConnected } = useAccount();
  const ids = useId();

  const [modelId, setModelId] = useState<string>("");
  const [prompt, setPrompt] = useState("Tell me a short story about a robot.");
  const [maxTokens, setMaxTokens] = useState("24");
  const [maxPrice, setMaxPrice] = useState("0.00000001");
  const [redundancy, setRedundancy] = useState(1);
  const [payment, setPayment] = useState<"approve" | "permit">("approve");

  const [phase, setPhase] = useState<Phase>("idle");
  const [output, setOutput] = useState("");
  const [jobId, setJobId] = useState<bigint>();
  const [txs, setTxs] = useState<SentTx[]>([]);
  const [result, setResult] = useState<JobResult>();
  const [problem, setProblem] = useState<Explanation>();
  const abort = useRef<AbortController | null>(null);

  const client = useInferGridClient();

  const models = useQuery({
    queryKey: ["models", chainId, deployment.ModelRegistry],
    queryFn: () => listModels({ publicClient: publicClient!, deployment }),
    enabled: !!publicClient,
    refetchInterval: 15_000,
  });
  const active = models.data?.filter((m) => m.active) ?? [];
  const selected = active.find((m) => m.id.toString() === modelId) ?? active[0];

  const price = parsePrice(maxPrice);
  const tokens = Number(maxTokens);
  const tokensOk = Number.isInteger(tokens) && tokens >= 1 && tokens <= 4096;
  const priceWei = "wei" in price ? price.wei : undefined;

  const route = useQuery({
    queryKey: ["route", chainId, selected?.id.toString(), priceWei?.toString(), address],
    queryFn: () =>
      eligibleWorkers(
        { publicClient: publicClient!, deployment },
        {
          modelId: selected!.id,
          maxPricePerInputToken: priceWei!,
          maxPricePerOutputToken: priceWei!,
          minDuration: DEADLINE_SECONDS,
          exclude: address ? [address] : [],
        },
      ),
    enabled: !!publicClient && !!selected && priceWei !== undefined,
    refetchInterval: 5_000,
  });

  const balance = useReadContract({
    ...contracts.GridToken,
    functionName: "balanceOf",
    args: [address ?? "0x0000000000000000000000000000000000000000"],
    query: { enabled: !!address },
  });

  const running = phase === "running";
  const canPost = !!client && !!selected && priceWei !== undefined && tokensOk && prompt.trim() !== "" && !running;

  async function post(e: FormEvent) {
    e.preventDefault();
    if (!client || !selected || priceWei === undefined) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase("running");
    setOutput("");
    setJobId(undefined);
    setTxs([]);
    setResult(undefined);
    setProblem(undefined);
    const postedWith = payment === "permit" ? "postJobWithPermit" : "postJob";
    try {
      const r = await client.runJob({
        model: selected.id,
        messages: [{ role: "user", content: prompt }],
        maxTokens: tokens,
        maxPricePerToken: priceWei,
        redundancy,
        usePermit: payment === "permit",
        signal: controller.signal,
        onToken: (text) => setOutput((o) => o + text),
        // The post is mined: the job id and its status panel, long before the tokens end.
        onPosted: (posted) => {
          setJobId(posted.jobId);
          setTxs([{ label: postedWith, hash: posted.transactionHash }]);
        },
        // The status panel follows the job to finalization from the chain; runJob returns once the output is verified.
        waitFor: "result",
      });
      setResult(r);
      setJobId(r.jobId);
      setTxs([
        ...(r.transactions.approve ? [{ label: "approve", hash: r.transactions.approve }] : []),
        { label: postedWith, hash: r.transactions.post },
      ]);
      // The verified text is what the worker committed to; the stream showed the same tokens as they came.
      setOutput(r.text);
    } catch (err) {
      setProblem(explainError(err));
    } finally {
      abort.current = null;
      setPhase("done");
      void balance.refetch();
    }
  }

  return (
    <div className={styles.layout}>
      <form className="stack panel" onSubmit={post} aria-describedby={`${ids}-wallet`}>
        {/* biome-ignore lint/a11y/noLabelWithoutControl: the select appears once the models have loaded */}
        <label>
          Model
          {models.isPending ? (
            <Loading what="models" />
          ) : models.error ? (
            <ErrorState error={models.error} what="models" />
          ) : active.length === 0 ? (
            <span className="state empty">No active model is registered yet.</span>
          ) : (
            <select
              value={selected?.id.toString() ?? ""}
              onChange={(e) => setModelId(e.target.value)}
              disabled={running}
            >
              {active.map((m) => (
                <option key={m.id.toString()} value={m.id.toString()}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </label>
        <label>
          Prompt (sent as a chat message)
          <textarea value={prompt} onChange={(e) => setPrompt(e.target.value)} disabled={running} required />
        </label>
        <div className="row">
          <label>
            Max tokens
            <input
              type="number"
              min={1}
              max={4096}
              step={1}
              inputMode="numeric"
              value={maxTokens}
              onChange={(e) => setMaxTokens(e.target.value)}
              disabled={running}
              aria-invalid={!tokensOk}
            />
          </label>
          <label>
            Max price per token (GRID)
            <input
              type="text"
              inputMode="decimal"
              value={maxPrice}
              onChange={(e) => setMaxPrice(e.target.value)}
              disabled={running}
              aria-invalid={"error" in price}
            />
          </label>
          <label>
            Redundancy (workers)
            <input
              type="number"
              min={1}
              max={MAX_REDUNDANCY_UI}
              step={1}
              value={redundancy}
              onChange={(e) => setRedundancy(Math.max(1, Math.min(MAX_REDUNDANCY_UI, Number(e.target.value) || 1)))}
              disabled={running}
            />
          </label>
        </div>
        {!tokensOk && <p className={styles.invalid}>Max tokens must be a whole number from 1 to 4096.</p>}
        {"error" in price && <p className={styles.invalid}>Max price: {price.error}.</p>}
        <fieldset className={styles.payment} disabled={running}>
          <legend>Pay the escrow with</legend>
          <label className={styles.choice}>
            <input
              type="radio"
              name="payment"
              value="approve"
              checked={payment === "approve"}
              onChange={() => setPayment("approve")}
            />
            Approve, then post (two transactions unless the allowance already covers it)
          </label>
          <label className={styles.choice}>
            <input
              type="radio"
              name="payment"
              value="permit"
              checked={payment === "permit"}
              onChange={() => setPayment("permit")}
            />
            Permit signature (one transaction)
          </label>
        </fieldset>
        <p id={`${ids}-wallet`} className="muted">
          {isConnected
            ? `Your wallet holds ${balance.data === undefined ? "…" : formatGrid(balance.data)}. The escrow covers the longest prompt and answer at your max price; what is not used is credited back to your market balance.`
            : "Connect a wallet to post a job. The eligible workers below are shown without one."}
        </p>
        <div className="row">
          <button type="submit" disabled={!canPost}>
            {running ? "Running…" : "Post job"}
          </button>
          {running && (
            <button type="button" className="secondary" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
      </form>

      <section aria-labelledby={`${ids}-workers`}>
        <h2 id={`${ids}-workers`}>Eligible workers</h2>
        {selected && priceWei !== undefined ? (
          <EligibleWorkers route={route.data} error={route.error} pending={route.isPending} redundancy={redundancy} />
        ) : (
          <p className="muted">Pick a model and a valid max price to see who would take the job.</p>
        )}
      </section>

      <section aria-labelledby={`${ids}-result`}>
        <h2 id={`${ids}-result`}>Output</h2>
        {problem && <ProblemAlert title={problem.title} message={problem.message} testId="job-error" />}
        <JobProgress output={output} streaming={running} jobId={jobId} txs={txs} result={result} />
      </section>
    </div>
  );
}
