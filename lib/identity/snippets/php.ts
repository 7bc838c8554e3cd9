// PHP: no library, hash_hmac and base64url; the file runs as pasted and prints a token for the sample user.
import type { SnippetContext, SnippetStack } from "./types";
import { tokenFileStack } from "./token-file-stack";

function tokenFile({ audience }: SnippetContext): string {
  return `<?php
// reqio_token.php: mint Reqio identity tokens on your server (never in the browser).
// No dependency to install: hash_hmac and json_encode are part of PHP.

const REQIO_AUDIENCE = '${audience}';

/**
 * The signed-in user, in the shape mint_reqio_token() reads:
 * 'email' null when the user has none (the claim is then left out), 'plan_amount' the recurring
 * charge in cents (2900 = $29.00; yearly plans: the annual total), 'billing_interval' 'month' or 'year'.
 */
function reqio_signed_in_user(): array
{
    // >>> YOUR APP: return the signed-in user from your session (Laravel: auth()->user(); plain PHP: $_SESSION).
    return ['id' => 'user_123', 'email' => 'ada@example.com', 'plan' => 'pro', 'plan_amount' => 2900, 'billing_interval' => 'month'];
}

function reqio_base64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

function mint_reqio_token(array $user): string
{
    // trim(): a secret pasted into .env with a stray space or newline would otherwise sign with the wrong key.
    $secret = trim((string) getenv('REQIO_SECRET'));
    if ($secret === '') {
        throw new RuntimeException('REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity');
    }
    $now = time();
    $claims = ['sub' => (string) $user['id']];
    if (($user['email'] ?? '') !== '') {
        $claims['email'] = $user['email'];
    }
    $claims['traits'] = ['plan' => $user['plan'], 'amount' => (int) $user['plan_amount'], 'interval' => $user['billing_interval']];
    $claims += ['aud' => REQIO_AUDIENCE, 'iat' => $now, 'exp' => $now + 300];

    $flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR;
    $signingInput = reqio_base64url(json_encode(['alg' => 'HS256', 'typ' => 'JWT'], $flags)) . '.' . reqio_base64url(json_encode($claims, $flags));
    return $signingInput . '.' . reqio_base64url(hash_hmac('sha256', $signingInput, $secret, true));
}

// Try it: REQIO_SECRET=... php reqio_token.php prints a token for the sample user.
if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME']) === __FILE__) {
    try {
        echo mint_reqio_token(reqio_signed_in_user()), PHP_EOL;
    } catch (RuntimeException $error) {
        fwrite(STDERR, $error->getMessage() . PHP_EOL);
        exit(1);
    }
}
`;
}

export function phpStack(context: SnippetContext): SnippetStack {
  const intro = "One file, no library (hash_hmac and base64url); return your signed-in user from reqio_signed_in_user(), the marked line.";
  return tokenFileStack({ id: "php", label: "PHP", intro }, { path: "reqio_token.php", language: "php", code: tokenFile(context) });
}
