import "@rainbow-me/rainbowkit/styles.css";
import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Nav } from "@/components/Nav";
import { loadConfig } from "@/lib/config";
import { Providers } from "./providers";

// The configuration (addresses of the deployment running now) is read per request, not baked in at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "InferGrid",
  description: "Decentralized AI inference: post jobs, run workers, govern the protocol",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  const config = loadConfig();
  return (
    <html lang="en">
      <body>
        <Providers config={config}>
          <a href="#main" className="skip">
            Skip to content
          </a>
          <Nav />
          <main id="main">
            {config.deploymentError && (
              <div className="state error" role="alert">
                No InferGrid deployment on chain {config.chainId}: {config.deploymentError}
              </div>
            )}
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
