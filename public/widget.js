/* Reqio widget: identifies your signed-in user to Reqio. No dependencies; never throws into your page. */
(function () {
  "use strict";
  var w = window;
  var script = document.currentScript;
  function warn(code, message) {
    try { console.warn("[Reqio] identify failed: " + code + ": " + message); } catch (e) { /* no console */ }
  }
  function failure(code, message) {
    warn(code, message);
    return { ok: false, error: { code: code, message: message } };
  }
  try {
    var src = script && script.src ? script.src : "";
    var base = src.replace(/\/widget\.js(\?.*)?$/, "");
    var projectId = script ? script.getAttribute("data-project-id") : null;
    var identify = function (token) {
      try {
        if (!projectId) return Promise.resolve(failure("missing_project_id", "The widget <script> tag has no data-project-id."));
        if (typeof token !== "string" || !token) return Promise.resolve(failure("missing_token", "Reqio.identify(token) needs the token string your server minted."));
        return fetch(base + "/api/v1/projects/" + encodeURIComponent(projectId) + "/identify", {
          method: "POST",
          mode: "cors",
          credentials: "omit",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ token: token })
        }).then(function (response) {
          return response.json().then(function (result) {
            if (!result || result.ok !== true) {
              var error = (result && result.error) || {};
              warn(error.code || "http_" + response.status, error.message || "Unexpected response from Reqio.");
            }
            return result;
          }, function () {
            return failure("http_" + response.status, "Reqio answered with status " + response.status + ".");
          });
        }, function () {
          return failure("network_error", "Could not reach Reqio at " + base + ".");
        });
      } catch (error) {
        return Promise.resolve(failure("widget_error", String(error && error.message)));
      }
    };
    // Calls made before this script loaded (see the stub in the dashboard's widget snippet).
    var queued = w.Reqio && w.Reqio.q instanceof Array ? w.Reqio.q : [];
    w.Reqio = { identify: identify, projectId: projectId };
    var inline = script ? script.getAttribute("data-identity-token") : null;
    if (inline && inline.indexOf("<") === -1) identify(inline);
    for (var i = 0; i < queued.length; i++) {
      var call = queued[i];
      identify(call[0]).then(call[1]);
    }
  } catch (error) {
    warn("widget_error", String(error && error.message));
  }
})();
