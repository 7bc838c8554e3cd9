/** The environment as config readers see it: plain strings, so tests can pass a literal object. */
export type Env = Readonly<Record<string, string | undefined>>;
