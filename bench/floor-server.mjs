// The floor bench/identify.ts compares against: the least a Node process can do for identify —
// node:http, JSON.parse, jose jwtVerify with a pre-imported HMAC key and exact aud, a JSON answer.
// Usage: FLOOR_PORT=… FLOOR_SECRET=… FLOOR_AUDIENCE=… node bench/floor-server.mjs
import http from "node:http";
import { jwtVerify } from "jose";

const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(process.env.FLOOR_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
const audience = process.env.FLOOR_AUDIENCE;
const answer = (response, status, body) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
};

http
  .createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", async () => {
      try {
        const { token } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], audience });
        answer(response, 200, { ok: true, user: { id: payload.sub } });
      } catch {
        answer(response, 401, { ok: false });
      }
    });
  })
  .listen(Number(process.env.FLOOR_PORT), () => console.log("floor ready"));
