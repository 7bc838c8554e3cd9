/* Reqio widget: identifies your signed-in user to Reqio. No dependencies; never throws into your page. */
(function () {
  "use strict";
  var w = window;
  var script = document.currentScript;
  // A brief outage (503), a rate limit (429) or a network error is retried, within these bounds.
  var MAX_ATTEMPTS = 4;
  var MAX_TOTAL_MS = 60000;
  var MAX_WAIT_MS = 30000;
  function say(level, text) {
    try { console[level]("[Reqio] " + text); } catch (e) { /* no console */ }
  }
  function warn(code, message) {
    say("warn", "identify failed: " + code + ": " + message);
  }
  function result(code, message) {
    return { ok: false, error: { code: code, message: message } };
  }
  function failure(code, message) {
    warn(code, message);
    return result(code, message);
  }
  // Exponential (1 s, 2 s, 4 s) with jitter, so pages that failed together don't retry together; never
  // sooner than the server's Retry-After (seconds), capped so a page isn't kept waiting for long.
  function retryDelay(attempt, retryAfterSeconds) {
    var base = 1000 * Math.pow(2, attempt - 1);
    return Math.max(Math.min(retryAfterSeconds * 1000, MAX_WAIT_MS) || 0, base) + Math.random() * base / 2;
  }
  try {
    var src = script && script.src ? script.src : "";
    var base = src.replace(/\/widget\.js(\?.*)?$/, "");
    var projectId = script ? script.getAttribute("data-project-id") : null;
    var post = function (token) {
      return fetch(base + "/api/v1/projects/" + encodeURIComponent(projectId) + "/identify", {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: token })
      }).then(function (response) {
        var status = response.status;
        var answer = { status: status, retry: status === 503 || status === 429, retryAfter: Number(response.headers.get("Retry-After")) };
        return response.json().then(function (result) {
          answer.result = result;
          return answer;
        }, function () {
          answer.result = result("http_" + status, "Reqio answered with status " + status + ".");
          return answer;
        });
      }, function () {
        return { retry: true, result: result("network_error", "Could not reach Reqio at " + base + ".") };
      });
    };
    var identify = function (token) {
      try {
        if (!projectId) return Promise.resolve(failure("missing_project_id", "The widget <script> tag has no data-project-id."));
        if (typeof token !== "string" || !token) return Promise.resolve(failure("missing_token", "Reqio.identify(token) needs the token string your server minted."));
        var started = Date.now();
        var told = false;
        var attempt = function (n) {
          return post(token).then(function (answer) {
            var outcome = answer.result;
            var wait = retryDelay(n, answer.retryAfter);
            if (answer.retry && n < MAX_ATTEMPTS && Date.now() - started + wait <= MAX_TOTAL_MS) {
              if (!told) say("info", "identify: Reqio is unavailable right now, retrying in " + Math.round(wait / 1000) + " s.");
              told = true;
              return new Promise(function (resolve) { setTimeout(resolve, wait); }).then(function () { return attempt(n + 1); });
            }
            if (!outcome || outcome.ok !== true) {
              var error = (outcome && outcome.error) || {};
              // The cause, when Reqio could name it, says which fix applies (e.g. retired_secret).
              var code = (error.code || "http_" + answer.status) + (error.cause && error.cause !== error.code ? " (" + error.cause + ")" : "");
              warn(code, error.message || "Unexpected response from Reqio.");
            }
            return outcome;
          });
        };
        return attempt(1);
      } catch (error) {
        return Promise.resolve(failure("widget_error", String(error && error.message)));
      }
    };
    // Calls made before this script loaded (see the stub in the dashboard's widget snippet).
    var queued = w.Reqio && w.Reqio.q instanceof Array ? w.Reqio.q : [];
    w.Reqio = { identify: identify, projectId: projectId };
    var inline = script ? script.getAttribute("data-identity-token") : null;
    if (inline && inline.indexOf("<") === -1) identify(inline);
    else if (inline) warn("missing_token", "data-identity-token still holds the placeholder " + inline.slice(0, 40) + ": render the token your server minted into it.");
    for (var i = 0; i < queued.length; i++) {
      var call = queued[i];
      identify(call[0]).then(call[1]);
    }
  } catch (error) {
    warn("widget_error", String(error && error.message));
  }
})();
