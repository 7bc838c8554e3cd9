// Routes every request: the public identify endpoint and /widget.js are answered here, on plain
// node:http; everything else (the dashboard) goes to Next's request handler, when there is one.
import type { IncomingMessage, ServerResponse } from "node:http";
import { stampClientAddress } from "@/lib/http/client-address";
import { handleIdentify, IDENTIFY_PATH } from "./identify-route";
import { handleWidget, WIDGET_PATH, type WidgetAsset } from "./widget-route";
import { handleHealth } from "./health-route";

export type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export function createRequestListener(options: { widget: WidgetAsset; next?: NextHandler; isDraining: () => boolean }) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    // While draining for a shutdown, keep-alive clients are told to reconnect (to another instance).
    if (options.isDraining()) response.setHeader("Connection", "close");
    const url = request.url ?? "/";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    if (path === WIDGET_PATH) return handleWidget(request, response, options.widget);
    const identify = IDENTIFY_PATH.exec(path);
    if (identify) return handleIdentify(request, response, identify[1]!);
    if (!options.next) {
      if (path === "/api/health") return void handleHealth(response);
      response.writeHead(404, { "Content-Type": "application/json; charset=utf-8" });
      response.end(JSON.stringify({ ok: false, error: { code: "not_found", message: "This server answers only the identify endpoint and /widget.js." } }));
      return;
    }
    // Next's route handlers and actions can't see the socket: hand them the client address we trust.
    stampClientAddress(request);
    void options.next(request, response);
  };
}
