import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Tokens for the tests' own businesses, minted by the app's `token` command with the local signing key (the same
 * one the app under test uses). Both users are platform `ops`, so they can create businesses of their own.
 */
export default function globalSetup() {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const mint = (subject: string) =>
    execFileSync("dotnet", [`${root}src/Functions/bin/Release/net10.0/MultiPhone.Functions.dll`, "token", "--sub", subject, "--platform-role", "ops"], {
      cwd: `${root}src/Functions`,
      env: { ...process.env, ASPNETCORE_ENVIRONMENT: "Development" },
    })
      .toString()
      .trim();
  process.env.E2E_TOKENS = JSON.stringify({ alice: mint("alice"), bob: mint("bob") });
}
