// Python: PyJWT signs; the file runs as pasted and prints a token for the sample user.
import type { SnippetContext, SnippetStack } from "./types";
import { tokenFileStack } from "./token-file-stack";

function tokenModule({ audience }: SnippetContext): string {
  return `# reqio_token.py: mint Reqio identity tokens on your server (never in the browser).
# pip install pyjwt   (Debian/Ubuntu: apt install python3-jwt)
import os
import sys
import time
from dataclasses import dataclass
from typing import Literal, Optional

import jwt

REQIO_AUDIENCE = "${audience}"


@dataclass
class ReqioUser:
    id: str
    email: Optional[str]  # None when the user has none: the claim is then left out
    plan: str
    plan_amount: int  # recurring charge in cents (2900 = $29.00); yearly plans: the annual total
    billing_interval: Literal["month", "year"]


def signed_in_user() -> ReqioUser:
    # >>> YOUR APP: return the signed-in user from your session (Django: request.user; Flask-Login: current_user).
    return ReqioUser(id="user_123", email="ada@example.com", plan="pro", plan_amount=2900, billing_interval="month")


def mint_reqio_token(user: ReqioUser) -> str:
    # strip(): a secret pasted into .env with a stray space or newline would otherwise sign with the wrong key.
    secret = os.environ.get("REQIO_SECRET", "").strip()
    if not secret:
        raise RuntimeError("REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity")
    now = int(time.time())
    claims = {"sub": str(user.id)}
    if user.email:
        claims["email"] = user.email
    claims["traits"] = {"plan": user.plan, "amount": user.plan_amount, "interval": user.billing_interval}
    claims.update(aud=REQIO_AUDIENCE, iat=now, exp=now + 300)
    return jwt.encode(claims, secret.encode("utf-8"), algorithm="HS256")


# Try it: REQIO_SECRET=... python3 reqio_token.py prints a token for the sample user.
if __name__ == "__main__":
    try:
        print(mint_reqio_token(signed_in_user()))
    except RuntimeError as error:
        sys.exit(str(error))
`;
}

export function pythonStack(context: SnippetContext): SnippetStack {
  const intro = "One module that mints the token with PyJWT; return your signed-in user from signed_in_user(), the marked line.";
  return tokenFileStack({ id: "python", label: "Python", intro }, { path: "reqio_token.py", language: "python", code: tokenModule(context) });
}
