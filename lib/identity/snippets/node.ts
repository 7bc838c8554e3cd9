// The Node.js stacks: a CommonJS minting module that runs as pasted, and an Express route around it.
import type { SnippetContext, SnippetFile, SnippetStack } from "./types";
import { JOSE_SIGNING, MISSING_SECRET } from "./jose-signing";

const SAMPLE_USER = `{ id: "user_123", email: "ada@example.com", plan: "pro", planAmount: 2900, billingInterval: "month" }`;

function mintingModule(context: SnippetContext, id: string): SnippetFile {
  const code = `// reqio-token.cjs: mint Reqio identity tokens on your server (never in the browser).
// npm install jose
// jose 6 is ESM-only: require("jose") needs Node >= 20.19, so this loads it with import(),
// which works in CommonJS on every supported Node version.
const REQIO_AUDIENCE = "${context.audience}";

// user: { id, email (optional), plan, planAmount (cents; the annual total for a yearly plan), billingInterval: "month" | "year" }
async function mintReqioToken(user) {
  // The key is the UTF-8 bytes of REQIO_SECRET, trimmed: a stray space or newline in .env breaks every signature.
  const secret = (process.env.REQIO_SECRET || "").trim();
  if (!secret) throw new Error(${MISSING_SECRET});
  const { SignJWT } = await import("jose");
${JOSE_SIGNING}
}

module.exports = { mintReqioToken };

// Try it: REQIO_SECRET=... node reqio-token.cjs prints a token for a sample user.
if (require.main === module) {
  mintReqioToken(${SAMPLE_USER})
    .then((token) => console.log(token))
    .catch((error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
`;
  return { id, path: "reqio-token.cjs", language: "javascript", code };
}

const EXPRESS_SERVER = `// server.cjs: GET /api/reqio-token hands the signed-in user a fresh Reqio token.
// npm install express jose   (Express 5: a rejected async handler goes to your error handler)
const express = require("express");
const { mintReqioToken } = require("./reqio-token.cjs");

// ▶▶ YOUR AUTH GOES HERE: return the signed-in user for this request, or null when nobody is signed in. ◀◀
// With Passport or express-session that is req.user or req.session.user, mapped to the fields of reqio-token.cjs.
function getSignedInUser(req) {
  return req.user || null;
}

const app = express();

app.get("/api/reqio-token", async (req, res) => {
  res.set("Cache-Control", "no-store");
  const user = await getSignedInUser(req);
  if (!user) return res.status(401).json({ error: "Not signed in" });
  res.json({ token: await mintReqioToken(user) });
});

module.exports = { app };

// Try it: REQIO_SECRET=... node server.cjs, then open http://localhost:3000/api/reqio-token
if (require.main === module) {
  const port = Number(process.env.PORT) || 3000;
  app.listen(port, () => console.log(\`Reqio token route on http://localhost:\${port}/api/reqio-token\`));
}
`;

export function nodeStack(context: SnippetContext): SnippetStack {
  const intro = "One CommonJS file: require it and call mintReqioToken(user) wherever your server knows the signed-in user.";
  return { id: "node", label: "Node.js (CommonJS)", intro, files: [mintingModule(context, "node-module")] };
}

export function expressStack(context: SnippetContext): SnippetStack {
  const intro = "The Node.js module plus an Express app serving GET /api/reqio-token. Fill in getSignedInUser(req) in server.cjs with your auth.";
  return { id: "express", label: "Express", intro, files: [mintingModule(context, "express-module"), { id: "express-server", path: "server.cjs", language: "javascript", code: EXPRESS_SERVER }] };
}
