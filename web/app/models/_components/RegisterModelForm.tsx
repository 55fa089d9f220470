"use client";
// ModelRegistry.register(name, manifestHash, uri, format): no fee or bond; a manifest hash can be
// registered once (ManifestAlreadyRegistered), and the caller becomes the model's creator, who is
// credited the creator share of every job on it.
import { useId, useState, type FormEvent } from "react";
import { parseEventLogs } from "viem";
import { useAccount } from "wagmi";
import { modelRegistryAbi } from "@infergrid/sdk/abis";
import { TxStatus } from "@/components/TxStatus";
import { useWriteInferGrid } from "@/hooks/useWriteInferGrid";
import { parseManifestHash } from "@/lib/amounts";
import styles from "./models.module.css";

// The registry's own limits (ModelRegistry.MAX_NAME, MAX_URI, MAX_FORMAT), in bytes.
const MAX_NAME = 64;
const MAX_URI = 256;
const MAX_FORMAT = 32;
const bytes = (s: string) => new TextEncoder().encode(s).length;

type Field = "name" | "hash" | "uri" | "format";

export function RegisterModelForm() {
  const { isConnected } = useAccount();
  const tx = useWriteInferGrid({ contract: "ModelRegistry" });
  const ids = useId();
  const [name, setName] = useState("");
  const [hash, setHash] = useState("");
  const [uri, setUri] = useState("");
  const [format, setFormat] = useState("text-generation/onnx");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    const n = name.trim();
    if (bytes(n) === 0) next.name = "Give the model a name.";
    else if (bytes(n) > MAX_NAME) next.name = `At most ${MAX_NAME} bytes; this is ${bytes(n)}.`;
    const h = parseManifestHash(hash);
    if (!h.ok) next.hash = h.error;
    if (bytes(uri.trim()) > MAX_URI) next.uri = `At most ${MAX_URI} bytes; this is ${bytes(uri.trim())}.`;
    const f = format.trim();
    if (bytes(f) === 0) next.format = "Give the format, e.g. text-generation/onnx.";
    else if (bytes(f) > MAX_FORMAT) next.format = `At most ${MAX_FORMAT} bytes; this is ${bytes(f)}.`;
    setErrors(next);
    if (Object.keys(next).length > 0 || !h.ok) {
      tx.reset();
      return;
    }
    await tx.writeContractAsync(
      { functionName: "register", args: [n, h.value, uri.trim(), f] },
      {
        label: "Register model",
        done: (r) => {
          const [log] = parseEventLogs({ abi: modelRegistryAbi, eventName: "ModelRegistered", logs: r.logs });
          return `Registered model #${log?.args.modelId ?? "?"} “${n}”; you are its creator.`;
        },
      },
    );
  };

  const field = (k: Field) => ({
    id: `${ids}-${k}`,
    "aria-invalid": errors[k] ? true : undefined,
    "aria-describedby": `${ids}-${k}-help${errors[k] ? ` ${ids}-${k}-err` : ""}`,
  });
  const err = (k: Field) =>
    errors[k] && (
      <span id={`${ids}-${k}-err`} className={styles.error} role="alert">
        {errors[k]}
      </span>
    );

  return (
    <form className={`stack ${styles.form}`} onSubmit={onSubmit} noValidate aria-label="Register a model">
      <p className={`muted ${styles.hint}`}>
        The manifest hash is the content hash of the model&apos;s files (
        <code>./infergrid model register &lt;folder&gt;</code> computes it from the folder&apos;s manifest). Registering
        is free; each manifest hash can be registered once, and the registering account earns the creator share of every
        job on the model.
      </p>
      <div className="row">
        <div className={styles.field}>
          <label htmlFor={`${ids}-name`}>
            Name
            <input
              {...field("name")}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="tiny-gpt2"
            />
          </label>
          <span id={`${ids}-name-help`} className={`muted ${styles.hint}`}>
            1–{MAX_NAME} bytes
          </span>
          {err("name")}
        </div>
        <div className={styles.field}>
          <label htmlFor={`${ids}-format`}>
            Format
            <input {...field("format")} autoComplete="off" value={format} onChange={(e) => setFormat(e.target.value)} />
          </label>
          <span id={`${ids}-format-help`} className={`muted ${styles.hint}`}>
            task and format, 1–{MAX_FORMAT} bytes
          </span>
          {err("format")}
        </div>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${ids}-hash`}>
          Manifest hash
          <input
            {...field("hash")}
            className="mono"
            autoComplete="off"
            spellCheck={false}
            value={hash}
            onChange={(e) => setHash(e.target.value)}
            placeholder="0x + 64 hex digits"
          />
        </label>
        <span id={`${ids}-hash-help`} className={`muted ${styles.hint}`}>
          0x followed by 32 bytes (64 hex digits)
        </span>
        {err("hash")}
      </div>
      <div className={styles.field}>
        <label htmlFor={`${ids}-uri`}>
          URI
          <input
            {...field("uri")}
            autoComplete="off"
            spellCheck={false}
            value={uri}
            onChange={(e) => setUri(e.target.value)}
            placeholder="ipfs://… or https://…"
          />
        </label>
        <span id={`${ids}-uri-help`} className={`muted ${styles.hint}`}>
          where the files can be fetched; optional, at most {MAX_URI} bytes
        </span>
        {err("uri")}
      </div>
      <button type="submit" disabled={tx.busy || !isConnected}>
        Register model
      </button>
      {!isConnected && (
        <p className="muted">Connect a wallet to register; the connected account becomes the creator.</p>
      )}
      <TxStatus status={tx.status} testId="register-status" />
    </form>
  );
}
