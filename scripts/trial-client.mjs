// What the crash trials' clients (scripts/*-crash-client.mjs) share: API calls with a token, and bounded parallelism.

/** A function calling the API at `url` with `token`: the parsed answer, or an error naming the call and its answer. */
export function apiClient(url, token) {
  const api = `${url}/api/v2`;
  return async function call(method, path, body, headers = {}) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} gave ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** Runs work(item) for every item, `width` at a time; the results in order. */
export async function inParallel(items, width, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
