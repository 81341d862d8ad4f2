// GitHub's @actions/* packages import .json files the way bundlers do; node wants them typed as JSON.
import { register } from "node:module";

register("data:text/javascript," + encodeURIComponent(`
export async function load(url, context, nextLoad) {
  if (!url.endsWith(".json")) return nextLoad(url, context);
  return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
}`));
