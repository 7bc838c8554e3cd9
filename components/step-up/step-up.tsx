import type { ReactNode } from "react";
import { strongestFactor } from "@/lib/auth/second-factor/user-factors";
import { StepUpProvider } from "@/components/step-up/step-up-provider";
import type { StepUpPlace } from "@/components/step-up/step-up-forms";
import { confirmCodeAction, confirmPasskeyAction, confirmPasswordAction, passkeyStepUpOptionsAction } from "@/app/(dashboard)/actions";

/** The step-up prompt for a page's sensitive actions, asking for the strongest factor `userId` has. */
export async function StepUp({ userId, place, children }: { userId: string; place: StepUpPlace; children: ReactNode }) {
  const factor = await strongestFactor(userId);
  return (
    <StepUpProvider factor={factor} place={place} actions={{ password: confirmPasswordAction, code: confirmCodeAction, passkeyOptions: passkeyStepUpOptionsAction, passkey: confirmPasskeyAction }}>
      {children}
    </StepUpProvider>
  );
}
