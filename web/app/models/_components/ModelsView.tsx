"use client";
import { useAccount } from "wagmi";
import { useAppConfig } from "@/hooks/useAppConfig";
import { ModelTable } from "./ModelTable";
import { MyModels } from "./MyModels";
import { RegisterModelForm } from "./RegisterModelForm";
import styles from "./models.module.css";

export function ModelsView() {
  const { deployment } = useAppConfig();
  const { address } = useAccount();
  return (
    <>
      <section aria-labelledby="registry-h" className={styles.block}>
        <h2 id="registry-h">Registry</h2>
        <ModelTable me={address} />
      </section>
      <section aria-labelledby="register-h" className="panel">
        <h2 id="register-h">Register a model</h2>
        {deployment ? (
          <RegisterModelForm />
        ) : (
          <p className="state">Registering needs an InferGrid deployment on this chain.</p>
        )}
      </section>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">My models</h2>
        {!address ? (
          <p className="state">Connect a wallet to see the models you created and the royalties credited to you.</p>
        ) : deployment ? (
          <MyModels creator={address} />
        ) : null}
      </section>
    </>
  );
}
