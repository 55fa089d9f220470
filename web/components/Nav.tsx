"use client";
import { ConnectButton } from "@rainbow-me/rainbowkit";
import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "Network" },
  { href: "/playground", label: "Playground" },
  { href: "/jobs", label: "Jobs" },
  { href: "/workers", label: "Workers" },
  { href: "/node", label: "My node" },
  { href: "/models", label: "Models" },
  { href: "/governance", label: "Governance" },
];

export function Nav() {
  const path = usePathname();
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        InferGrid
      </Link>
      <nav aria-label="Main">
        <ul>
          {links.map((l) => {
            const active = l.href === "/" ? path === "/" : path.startsWith(l.href);
            return (
              <li key={l.href}>
                <Link href={l.href} aria-current={active ? "page" : undefined}>
                  {l.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <ConnectButton accountStatus="address" chainStatus="icon" showBalance={false} />
    </header>
  );
}
