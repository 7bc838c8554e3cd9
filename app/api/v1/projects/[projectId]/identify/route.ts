import { handleIdentify, identifyPreflight } from "@/lib/identity/identify-endpoint";

export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleIdentify(request, (await params).projectId);
}

export function OPTIONS() {
  return identifyPreflight();
}
