// Java 17: standard library only; the single file runs as pasted (java ReqioToken.java) and prints a token for the sample user.
import type { SnippetContext, SnippetStack } from "./types";
import { tokenFileStack } from "./token-file-stack";

function tokenFile({ audience }: SnippetContext): string {
  return `// ReqioToken.java: mint Reqio identity tokens on your server (never in the browser).
// No dependency to install: standard library only (Java 17+).
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class ReqioToken {
    static final String REQIO_AUDIENCE = "${audience}";

    /**
     * email: null when the user has none (the claim is then left out); planAmount: recurring charge in
     * cents (2900 = $29.00; yearly plans: the annual total); billingInterval: "month" or "year".
     */
    public record ReqioUser(String id, String email, String plan, long planAmount, String billingInterval) {}

    static ReqioUser signedInUser() {
        // >>> YOUR APP: return the signed-in user from your session (Spring Security: the Authentication's principal).
        return new ReqioUser("user_123", "ada@example.com", "pro", 2900, "month");
    }

    public static String mintReqioToken(ReqioUser user) throws Exception {
        // strip(): a secret pasted into .env with a stray space or newline would otherwise sign with the wrong key.
        String secret = System.getenv().getOrDefault("REQIO_SECRET", "").strip();
        if (secret.isEmpty()) {
            throw new IllegalStateException("REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity");
        }
        long now = System.currentTimeMillis() / 1000;
        StringBuilder claims = new StringBuilder("{\\"sub\\":").append(json(user.id()));
        if (user.email() != null && !user.email().isEmpty()) claims.append(",\\"email\\":").append(json(user.email()));
        claims.append(",\\"traits\\":{\\"plan\\":").append(json(user.plan()))
            .append(",\\"amount\\":").append(user.planAmount())
            .append(",\\"interval\\":").append(json(user.billingInterval())).append('}')
            .append(",\\"aud\\":").append(json(REQIO_AUDIENCE))
            .append(",\\"iat\\":").append(now)
            .append(",\\"exp\\":").append(now + 300).append('}');

        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64url.encodeToString("{\\"alg\\":\\"HS256\\",\\"typ\\":\\"JWT\\"}".getBytes(StandardCharsets.UTF_8))
            + "." + base64url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + base64url.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String json(String value) {
        StringBuilder out = new StringBuilder("\\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\\\') out.append('\\\\').append(c);
            else if (c < 0x20) out.append(String.format("\\\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    // Try it: REQIO_SECRET=... java ReqioToken.java prints a token for the sample user.
    public static void main(String[] args) throws Exception {
        try {
            System.out.println(mintReqioToken(signedInUser()));
        } catch (IllegalStateException error) {
            System.err.println(error.getMessage());
            System.exit(1);
        }
    }
}
`;
}

export function javaStack(context: SnippetContext): SnippetStack {
  const intro = "One file, standard library only (Java 17); return your signed-in user from signedInUser(), the marked line.";
  return tokenFileStack({ id: "java", label: "Java", intro }, { path: "ReqioToken.java", language: "java", code: tokenFile(context) });
}
