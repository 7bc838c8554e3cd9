// Ruby: the jwt gem signs; the file runs as pasted and prints a token for the sample user.
import type { SnippetContext, SnippetStack } from "./types";
import { tokenFileStack } from "./token-file-stack";

function tokenFile({ audience }: SnippetContext): string {
  return `# reqio_token.rb: mint Reqio identity tokens on your server (never in the browser).
# gem install jwt   (Bundler: bundle add jwt; Debian/Ubuntu: apt install ruby-jwt)
require "jwt"

REQIO_AUDIENCE = "${audience}"

# email: nil when the user has none (the claim is then left out).
# plan_amount: recurring charge in cents (2900 = $29.00); yearly plans: the annual total.
# billing_interval: "month" or "year".
ReqioUser = Struct.new(:id, :email, :plan, :plan_amount, :billing_interval, keyword_init: true)

def signed_in_user
  # >>> YOUR APP: return the signed-in user from your session (Rails/Devise: current_user).
  ReqioUser.new(id: "user_123", email: "ada@example.com", plan: "pro", plan_amount: 2900, billing_interval: "month")
end

def mint_reqio_token(user)
  # strip: a secret pasted into .env with a stray space or newline would otherwise sign with the wrong key.
  secret = ENV.fetch("REQIO_SECRET", "").strip
  raise "REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity" if secret.empty?

  now = Time.now.to_i
  claims = { "sub" => user.id.to_s }
  claims["email"] = user.email unless user.email.nil? || user.email.empty?
  claims["traits"] = { "plan" => user.plan, "amount" => user.plan_amount, "interval" => user.billing_interval }
  claims.merge!("aud" => REQIO_AUDIENCE, "iat" => now, "exp" => now + 300)
  JWT.encode(claims, secret.encode("UTF-8"), "HS256")
end

# Try it: REQIO_SECRET=... ruby reqio_token.rb prints a token for the sample user.
if $PROGRAM_NAME == __FILE__
  begin
    puts mint_reqio_token(signed_in_user)
  rescue RuntimeError => e
    abort e.message
  end
end
`;
}

export function rubyStack(context: SnippetContext): SnippetStack {
  const intro = "One file that mints the token with the jwt gem; return your signed-in user from signed_in_user, the marked line.";
  return tokenFileStack({ id: "ruby", label: "Ruby", intro }, { path: "reqio_token.rb", language: "ruby", code: tokenFile(context) });
}
