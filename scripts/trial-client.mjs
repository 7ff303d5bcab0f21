// What the crash trials' clients (scripts/*-crash-client.mjs) share: API calls with a token, and bounded parallelism.

/**
 * A function calling the API at `url` with `token`: the parsed answer, or an error naming the call and its answer.
 * A GET or PUT the app was too busy for (503, 429) is asked again after its Retry-After, up to 10 times; a POST is
 * not, as it may have been done.
 */
export function apiClient(url, token) {
  const api = `${url}/api/v2`;
  return async function call(method, path, body, headers = {}) {
    let response;
    for (let attempt = 1; ; attempt++) {
      response = await fetch(`${api}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!["GET", "PUT"].includes(method) || ![503, 429].includes(response.status) || attempt === 10) break;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get("retry-after") ?? 1)));
    }
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
