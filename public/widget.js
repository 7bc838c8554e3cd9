/* Reqio widget: identifies your signed-in user. No dependencies; never throws into your page. */
(function () {
  "use strict";
  var w = window, script = document.currentScript;
  // A 503, a 429 or a network error is retried, within these bounds.
  var MAX_ATTEMPTS = 4, MAX_TOTAL_MS = 60000, MAX_WAIT_MS = 30000;
  function say(level, text) {
    try { console[level]("[Reqio] " + text); } catch (e) { /* none */ }
  }
  function warn(code, message) {
    say("warn", "identify failed: " + code + ": " + message);
  }
  function result(code, message) {
    return { ok: false, error: { code: code, message: message } };
  }
  function failure(code, message) {
    warn(code, message);
    return Promise.resolve(result(code, message));
  }
  // 1, 2, 4 s plus jitter (pages failing together retry apart), at least Retry-After.
  function retryDelay(attempt, retryAfter) {
    var base = 1000 * Math.pow(2, attempt - 1);
    return Math.max(Math.min(retryAfter * 1000, MAX_WAIT_MS) || 0, base) + Math.random() * base / 2;
  }
  try {
    // widget.js?v=2 or #v1 too: post where this script came from.
    var base = (script && script.src || "").replace(/[?#].*$/, "").replace(/\/widget\.js$/, "");
    var attr = function (name) { return script && script.getAttribute(name); };
    var projectId = attr("data-project-id"), debug = attr("data-debug") !== null;
    var post = function (token) {
      return fetch(base + "/api/v1/projects/" + encodeURIComponent(projectId) + "/identify", {
        method: "POST", credentials: "omit",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: token })
      }).then(function (response) {
        var status = response.status;
        var answer = { status: status, retry: status === 503 || status === 429, retryAfter: Number(response.headers.get("Retry-After")) };
        return response.json().then(function (body) { answer.result = body; return answer; }, function () {
          answer.result = result("http_" + status, "Reqio answered with status " + status + ".");
          return answer;
        });
      }, function () {
        return { retry: true, result: result("network_error", "Could not reach Reqio at " + base + ".") };
      });
    };
    var identify = function (token) {
      try {
        if (!projectId) return failure("missing_project_id", "The widget <script> tag has no data-project-id.");
        if (typeof token !== "string" || !token) return failure("missing_token", "Reqio.identify(token) needs the token your server minted.");
        var started = Date.now(), told = false;
        var attempt = function (n) {
          return post(token).then(function (answer) {
            var outcome = answer.result, wait = retryDelay(n, answer.retryAfter);
            if (answer.retry && n < MAX_ATTEMPTS && Date.now() - started + wait <= MAX_TOTAL_MS) {
              if (!told) say("info", "identify: Reqio is unavailable right now, retrying in " + Math.round(wait / 1000) + " s.");
              told = true;
              return new Promise(function (resolve) { setTimeout(resolve, wait); }).then(function () { return attempt(n + 1); });
            }
            if (outcome && outcome.ok === true) {
              var dev = outcome.environment === "development";
              if (dev || debug) say("info", "identified " + (outcome.user && outcome.user.id) + (dev ? " in the development environment." : " for project " + projectId + "."));
            } else {
              var error = (outcome && outcome.error) || {};
              var code = (error.code || "http_" + answer.status) + (error.cause && error.cause !== error.code ? " (" + error.cause + ")" : "");
              warn(code, error.message || "Unexpected response from Reqio.");
            }
            return outcome;
          });
        };
        return attempt(1);
      } catch (error) {
        return failure("widget_error", String(error && error.message));
      }
    };
    // Calls queued before this script loaded (the snippet's stub).
    var queued = w.Reqio && w.Reqio.q instanceof Array ? w.Reqio.q : [];
    w.Reqio = { identify: identify, projectId: projectId };
    var inline = attr("data-identity-token");
    var fix = ": render your server's token for the signed-in user into it, or drop it and call Reqio.identify(token).";
    // No JWT holds these: a placeholder or an unrendered template.
    if (inline === "") warn("missing_token", "data-identity-token is empty" + fix);
    else if (/[<>{}$%]/.test(inline)) warn("missing_token", "data-identity-token is still the placeholder " + inline.slice(0, 40) + fix);
    else if (inline) identify(inline);
    for (var i = 0; i < queued.length; i++) {
      // A malformed entry must not drop the calls after it.
      try {
        if (!(queued[i] instanceof Array)) throw 0;
        identify(queued[i][0]).then(queued[i][1]);
      } catch (e) {
        warn("widget_error", "queued call " + i + " is not [token, resolve]: use the snippet's stub.");
      }
    }
  } catch (error) {
    warn("widget_error", String(error && error.message));
  }
})();
