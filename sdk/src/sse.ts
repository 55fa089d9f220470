/**
 * A server-sent events parser for a fetch body, as the WHATWG spec reads an event stream:
 * `event:`/`data:`/`id:` fields, multi-line data joined by "\n", comments (lines starting
 * with ":") ignored, an event dispatched at each blank line, LF, CRLF or CR line endings.
 * Small enough to own instead of a dependency; `retry:` is ignored because the job client
 * decides on its own when to reconnect.
 */

export type SseEvent = { readonly event: string; readonly data: string; readonly id: string | undefined };

export async function* parseSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  let sawField = false;

  const lines = function* (final: boolean): Generator<string> {
    for (;;) {
      const m = /\r\n|\r|\n/.exec(buffer);
      // A trailing CR may be the first half of CRLF: wait for the next chunk unless this is the end.
      if (!m || (m[0] === "\r" && m.index === buffer.length - 1 && !final)) return;
      yield buffer.slice(0, m.index);
      buffer = buffer.slice(m.index + m[0].length);
    }
  };

  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (const line of lines(done)) {
        if (line === "") {
          if (sawField && data.length > 0) yield { event: event || "message", data: data.join("\n"), id };
          event = "";
          data = [];
          sawField = false;
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        sawField = true;
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
        else if (field === "id" && !value.includes("\0")) id = value;
      }
      if (done) return;
    }
  } finally {
    // Also runs when the consumer stops early: close the connection rather than leave it open.
    await reader.cancel().catch(() => undefined);
  }
}
