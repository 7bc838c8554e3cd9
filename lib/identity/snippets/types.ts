/** The Identity page's snippets: one stack per customer framework or language, each a few files. */

export type SnippetLanguage = "typescript" | "tsx" | "javascript" | "html" | "dotenv" | "python" | "ruby" | "php" | "go" | "java";

/** One file to copy: its path in the customer's project, its text with this project's values filled in. */
export type SnippetFile = { id: string; path: string; language: SnippetLanguage; code: string };

export type SnippetStackId = "nextjs" | "node" | "express" | "python" | "ruby" | "php" | "go" | "java" | "widget-html" | "widget-jsx";

export type SnippetStack = {
  id: SnippetStackId;
  label: string;
  /** One or two sentences: what these files do and the one line the customer fills in. */
  intro: string;
  files: SnippetFile[];
};

/** What every stack is filled in with. */
export type SnippetContext = { appUrl: string; projectId: string; audience: string; widgetUrl: string };

