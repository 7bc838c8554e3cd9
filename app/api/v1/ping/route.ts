// The trivial JSON handler bench/identify compares the identify endpoint against.
export function GET() {
  return Response.json({ ok: true });
}
