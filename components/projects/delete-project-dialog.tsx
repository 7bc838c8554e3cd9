"use client";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

export function DeleteProjectDialog({ action, projectId, projectName }: {
  action: FormAction<unknown>;
  projectId: string;
  projectName: string;
}) {
  const [typed, setTyped] = useState("");
  const [result, dispatch, pending] = useActionState<ActionResult<unknown> | null, FormData>(action, null);

  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="danger">Delete project…</Button>
      </DialogTrigger>
      <DialogContent
        title={`Delete ${projectName}?`}
        description="This deletes the project and its signing secret. Your servers' tokens for it stop verifying immediately. This can't be undone."
      >
        <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
          <input type="hidden" name="projectId" value={projectId} />
          <Field
            label={`Type "${projectName}" to confirm`}
            name="confirmation"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            error={result && !result.ok ? result.fieldErrors?.confirmation ?? result.error : undefined}
          />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={pending || typed.trim() !== projectName}>
              {pending ? "Deleting…" : "Delete project"}
            </Button>
          </div>
        </ActionForm>
      </DialogContent>
    </Dialog>
  );
}
