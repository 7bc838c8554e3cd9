/** A configuration problem the operator must fix; its message says exactly what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
