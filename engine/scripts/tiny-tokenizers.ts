// Tokenizers for the tiny architecture models (gen-arch-models.ts): each family's own
// tokenizer.json layout (pre-tokenizer, normalizer, decoder, post-processor, where its special
// tokens sit in the vocabulary), with merges trained here on a fixed corpus so that nothing is
// downloaded. Two kinds, as the real families ship them:
// - byte-level BPE (Llama 3, Qwen2/2.5/3, SmolLM/GPT-2): bytes mapped to printable characters,
//   a regex pre-tokenizer, merges within the pre-tokenized pieces;
// - SentencePiece-converted BPE (Phi-3 and Mistral with the Llama 2 tokenizer, Gemma): spaces
//   become "▁", merges over characters, bytes as <0xNN> fallback tokens.

export const CORPUS = `
The network routes each job to a worker that serves the model. The worker runs the model,
streams the tokens back to the user, and posts a commitment of the result on chain.
A validator can check the result with one forward pass over the prompt and the output.
Workers stake tokens, earn fees for every token they produce, and lose stake when they cheat.
The user pays only for the tokens that were used; the rest of the escrow goes back to them.
Hello world! How are you today? I am fine, thank you. What is the time? It is ten o'clock.
The quick brown fox jumps over the lazy dog. A small model is fast; a large model is slow.
system user assistant model: Answer the question in one short sentence, then stop.
You are a helpful assistant. Tell me about the network. Write a short story about the sea.
Once upon a time there was a little robot who wanted to learn how to write stories.
Numbers: 0 1 2 3 4 5 6 7 8 9 10 11 12 100 1000 2024 2025 2026. Prices in tokens per second.
Café, naïve, déjà vu: some words have accents. Émile's café serves crème brûlée.
`.repeat(3);

type Merge = readonly [string, string];

/** Greedy BPE training over counted words of symbols; ties break on the pair's string order. */
export function trainMerges(words: Map<string[], number> | [string[], number][], maxMerges: number): Merge[] {
  const list = [...words].map(([symbols, count]) => ({ symbols: [...symbols], count }));
  const merges: Merge[] = [];
  while (merges.length < maxMerges) {
    const pairs = new Map<string, number>();
    for (const { symbols, count } of list) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]}\u0000${symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + count);
      }
    }
    let best: string | null = null;
    let bestCount = 1; // a pair seen once is not worth a token
    for (const [key, count] of pairs) {
      if (count > bestCount || (count === bestCount && best !== null && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best === null) break;
    const [a, b] = best.split("\u0000") as [string, string];
    merges.push([a, b]);
    for (const w of list) {
      const out: string[] = [];
      for (let i = 0; i < w.symbols.length; i++) {
        if (i + 1 < w.symbols.length && w.symbols[i] === a && w.symbols[i + 1] === b) {
          out.push(a + b);
          i++;
        } else out.push(w.symbols[i]!);
      }
      w.symbols = out;
    }
  }
  return merges;
}

function countWords(pieces: Iterable<string>, toSymbols: (piece: string) => string[]): [string[], number][] {
  const counts = new Map<string, number>();
  for (const p of pieces) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([p, c]) => [toSymbols(p), c]);
}

/** GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest above 255. */
export function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  const table: string[] = new Array<string>(256);
  for (let i = 0; i < bs.length; i++) table[bs[i]!] = String.fromCharCode(cs[i]!);
  return table;
}

// Pre-tokenizer patterns as the families' tokenizer.json files write them.
const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
const LLAMA3_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const QWEN2_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** The same patterns for training here (JavaScript has no inline (?i:...) group). */
function jsRegex(pattern: string): RegExp {
  return new RegExp(
    pattern.replace("(?i:'s|'t|'re|'ve|'m|'ll|'d)", "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"),
    "gu",
  );
}

export type SpecialToken = {
  readonly content: string;
  /** special tokens are skipped by decode(skip_special_tokens); Qwen's <think> and <tool_call> are not special */
  readonly special?: boolean;
};

export type TokenizerStyle = "llama3" | "qwen2" | "gpt2" | "llama2-sp" | "gemma-sp";

export type TinyTokenizerSpec = {
  readonly style: TokenizerStyle;
  /** total vocabulary size including the special tokens */
  readonly vocabSize: number;
  /** special tokens placed before the learned vocabulary (SmolLM, Gemma, Llama 2), in id order */
  readonly leadingSpecials: readonly SpecialToken[];
  /** special tokens placed after it (Llama 3, Qwen, Phi-3's chat tokens), in id order */
  readonly trailingSpecials: readonly SpecialToken[];
  /** token prepended by the post-processor when encoding with special tokens (Llama 3, Mistral, Gemma) */
  readonly bosToken: string | null;
};

export type BuiltTokenizer = {
  readonly json: Record<string, unknown>;
  readonly ids: ReadonlyMap<string, number>;
  readonly vocabSize: number;
};

const added = (content: string, id: number, special: boolean) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special,
});

export function buildTokenizer(spec: TinyTokenizerSpec): BuiltTokenizer {
  const vocab: [string, number][] = [];
  const ids = new Map<string, number>();
  const addedTokens: ReturnType<typeof added>[] = [];
  const push = (token: string) => {
    if (ids.has(token)) throw new Error(`duplicate token ${token}`);
    ids.set(token, vocab.length);
    vocab.push([token, vocab.length]);
  };
  for (const t of spec.leadingSpecials) {
    addedTokens.push(added(t.content, vocab.length, t.special ?? true));
    push(t.content);
  }
  const sentencePiece = spec.style === "llama2-sp" || spec.style === "gemma-sp";
  const learned = spec.vocabSize - spec.leadingSpecials.length - spec.trailingSpecials.length;
  let merges: Merge[];
  if (sentencePiece) {
    for (let b = 0; b < 256; b++) push(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    // SentencePiece treats a space as "▁" glued to the following word; the Llama 2 normalizer
    // also prepends one to the whole text.
    const text = spec.style === "llama2-sp" ? `▁${CORPUS.replaceAll(" ", "▁")}` : CORPUS.replaceAll(" ", "▁");
    const pieces = text.split(/(?=▁)|(\n)/u).filter((p) => p !== undefined && p !== "");
    const chars = [...new Set([...text].filter((c) => c !== "\n"))].sort();
    for (const c of chars) push(c);
    merges = trainMerges(
      countWords(
        pieces.filter((p) => p !== "\n"),
        (p) => [...p],
      ),
      learned - 256 - chars.length,
    );
  } else {
    const table = bytesToUnicode();
    for (let b = 0; b < 256; b++) push(table[b]!);
    const pattern = spec.style === "llama3" ? LLAMA3_PATTERN : spec.style === "qwen2" ? QWEN2_PATTERN : GPT2_PATTERN;
    const enc = new TextEncoder();
    const pieces = [...CORPUS.normalize("NFC").matchAll(jsRegex(pattern))].map((m) => m[0]);
    merges = trainMerges(
      countWords(pieces, (p) => [...enc.encode(p)].map((b) => table[b]!)),
      learned - 256,
    );
  }
  for (const [a, b] of merges) push(a + b);
  // Pad with unused tokens when the corpus runs out of merges, so the ids stay dense.
  let pad = 0;
  while (vocab.length < spec.vocabSize - spec.trailingSpecials.length) push(`<|unused_${pad++}|>`);
  for (const t of spec.trailingSpecials) {
    addedTokens.push(added(t.content, vocab.length, t.special ?? true));
    ids.set(t.content, vocab.length);
    vocab.push([t.content, vocab.length]);
  }
  // Byte-level vocabularies keep their added tokens out of the BPE model (as Llama 3 and Qwen
  // ship them); SentencePiece ones list <unk>/<s>/</s> in both.
  const modelVocab = Object.fromEntries(
    vocab.filter(([t]) => sentencePiece || !addedTokens.some((a) => a.content === t)),
  );
  const bos = spec.bosToken;
  const templatePost =
    bos === null
      ? null
      : {
          type: "TemplateProcessing",
          single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
          pair: [
            { SpecialToken: { id: bos, type_id: 0 } },
            { Sequence: { id: "A", type_id: 0 } },
            { SpecialToken: { id: bos, type_id: 1 } },
            { Sequence: { id: "B", type_id: 1 } },
          ],
          special_tokens: { [bos]: { id: bos, ids: [ids.get(bos)!], tokens: [bos] } },
        };
  const bpe = (extra: Record<string, unknown>) => ({
    type: "BPE",
    dropout: null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    vocab: modelVocab,
    merges: merges.map(([a, b]) => [a, b]),
    ...extra,
  });
  const byteLevel = (useRegex: boolean) => ({
    type: "ByteLevel",
    add_prefix_space: false,
    trim_offsets: true,
    use_regex: useRegex,
  });
  const split = (pattern: string) => ({
    type: "Split",
    pattern: { Regex: pattern },
    behavior: "Isolated",
    invert: false,
  });
  let json: Record<string, unknown>;
  switch (spec.style) {
    case "llama3":
      json = {
        normalizer: null,
        pre_tokenizer: { type: "Sequence", pretokenizers: [split(LLAMA3_PATTERN), byteLevel(false)] },
        post_processor: { type: "Sequence", processors: [byteLevel(true), templatePost] },
        decoder: byteLevel(true),
        model: bpe({ unk_token: null, fuse_unk: false, byte_fallback: false, ignore_merges: true }),
      };
      break;
    case "qwen2":
      json = {
        normalizer: { type: "NFC" },
        pre_tokenizer: { type: "Sequence", pretokenizers: [split(QWEN2_PATTERN), byteLevel(false)] },
        post_processor: byteLevel(false),
        decoder: byteLevel(false),
        model: bpe({ unk_token: null, fuse_unk: false, byte_fallback: false, ignore_merges: false }),
      };
      break;
    case "gpt2":
      json = {
        normalizer: null,
        pre_tokenizer: byteLevel(true),
        post_processor: byteLevel(true),
        decoder: byteLevel(true),
        model: bpe({ unk_token: null, fuse_unk: false, byte_fallback: false, ignore_merges: false }),
      };
      break;
    case "llama2-sp":
      json = {
        normalizer: {
          type: "Sequence",
          normalizers: [
            { type: "Prepend", prepend: "▁" },
            { type: "Replace", pattern: { String: " " }, content: "▁" },
          ],
        },
        pre_tokenizer: null,
        post_processor: templatePost,
        decoder: {
          type: "Sequence",
          decoders: [
            { type: "Replace", pattern: { String: "▁" }, content: " " },
            { type: "ByteFallback" },
            { type: "Fuse" },
            { type: "Strip", content: " ", start: 1, stop: 0 },
          ],
        },
        model: bpe({ unk_token: "<unk>", fuse_unk: true, byte_fallback: true, ignore_merges: false }),
      };
      break;
    case "gemma-sp":
      json = {
        normalizer: { type: "Replace", pattern: { String: " " }, content: "▁" },
        pre_tokenizer: null,
        post_processor: templatePost,
        decoder: {
          type: "Sequence",
          decoders: [
            { type: "Replace", pattern: { String: "▁" }, content: " " },
            { type: "ByteFallback" },
            { type: "Fuse" },
          ],
        },
        model: bpe({ unk_token: "<unk>", fuse_unk: true, byte_fallback: true, ignore_merges: false }),
      };
      break;
  }
  return {
    json: { version: "1.0", truncation: null, padding: null, added_tokens: addedTokens, ...json },
    ids,
    vocabSize: vocab.length,
  };
}

/** added_tokens_decoder as tokenizer_config.json writes it. */
export function addedTokensDecoder(tokenizer: BuiltTokenizer): Record<string, unknown> {
  const list = tokenizer.json.added_tokens as ReturnType<typeof added>[];
  return Object.fromEntries(
    list.map((t) => [
      String(t.id),
      { content: t.content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: t.special },
    ]),
  );
}
