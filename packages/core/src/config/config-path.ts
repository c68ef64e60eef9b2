export type Path = ReadonlyArray<PropertyKey>;

/** `models["gpt-4.1"].input_price`, `router.rules[2].model`: how a path reads in the user's file. */
export function formatPath(path: Path): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(String(key))) text += text ? `.${String(key)}` : String(key);
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}
