import { Environment, Interpreter, Template } from "@huggingface/jinja";
import { Tokenizer } from "@huggingface/tokenizers";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readJsonFile, tokenizerConfigSchema, type TokenizerConfig } from "./config.ts";
import { ChatTemplateError, InvalidModelConfigError } from "./errors.ts";

export type ChatMessage = { readonly role: string; readonly content: string };

/**
 * What a job asks the model to continue:
 * - a string: raw text, tokenized with the tokenizer's special tokens (e.g. Llama's BOS);
 * - { messages }: rendered with the model's own chat template, then tokenized without
 *   adding special tokens (the template writes them), as transformers' apply_chat_template does;
 * - { ids }: token ids as they are (what a verifier gets when the worker published input ids).
 */
export type Prompt =
  | string
  | { readonly messages: readonly ChatMessage[]; readonly date?: string }
  | { readonly ids: readonly number[] };

// Templates that print today's date (Llama 3.1 via strftime_now) would make the prompt, and
// so the result, depend on the day it runs; a validator re-running it tomorrow would see
// other tokens. The date is therefore an input of the prompt, pinned by default.
export const DEFAULT_TEMPLATE_DATE = "2024-07-26";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The subset of strftime that chat templates use (%d %m %y %Y %b %B %%). */
export function formatDate(isoDate: string, format: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new ChatTemplateError(`date ${isoDate} is not YYYY-MM-DD`);
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const month = MONTHS[Number(mo) - 1];
  if (month === undefined) throw new ChatTemplateError(`date ${isoDate} has no month ${mo}`);
  return format.replace(/%([dmyYbB%])/g, (_, c: string) => {
    switch (c) {
      case "d":
        return d;
      case "m":
        return mo;
      case "y":
        return y.slice(2);
      case "Y":
        return y;
      case "b":
        return month.slice(0, 3);
      case "B":
        return month;
      default:
        return "%";
    }
  });
}

function range(start: number, stop?: number, step = 1): number[] {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  const out: number[] = [];
  if (step > 0) for (let i = from; i < to; i += step) out.push(i);
  else if (step < 0) for (let i = from; i > to; i += step) out.push(i);
  return out;
}

/**
 * Template.render with the same globals, except strftime_now, which reads the pinned date
 * instead of the clock (render() declares the clock version and refuses a redeclaration).
 */
function renderTemplate(template: Template, items: Record<string, unknown>, date: string): string {
  const env = new Environment();
  const globals: Record<string, unknown> = {
    false: false,
    true: true,
    none: null,
    False: false,
    True: true,
    None: null,
    raise_exception: (message: string) => {
      throw new ChatTemplateError(`template raised: ${message}`);
    },
    range,
    strftime_now: (format: string) => formatDate(date, format),
  };
  for (const [k, v] of Object.entries({ ...globals, ...items })) env.set(k, v);
  return new Interpreter(env).run(template.parsed).value as string;
}

function tokenString(t: TokenizerConfig["bos_token"]): string | undefined {
  if (t == null) return undefined;
  return typeof t === "string" ? t : t.content;
}

export type LoadedTokenizer = {
  readonly tokenizer: Tokenizer;
  readonly config: TokenizerConfig;
  readonly chatTemplate: string | null;
  encode(text: string, addSpecialTokens: boolean): number[];
  decode(ids: readonly number[]): string;
  renderChat(messages: readonly ChatMessage[], date?: string): string;
  promptIds(prompt: Prompt): number[];
};

export function createTokenizer(tokenizerJson: unknown, config: TokenizerConfig): LoadedTokenizer {
  const tokenizer = new Tokenizer(tokenizerJson as object, config as object);
  const chatTemplate =
    config.chat_template == null
      ? null
      : typeof config.chat_template === "string"
        ? config.chat_template
        : (config.chat_template.find((t) => t.name === "default")?.template ?? null);
  let compiled: Template | null = null;
  const specials = {
    bos_token: tokenString(config.bos_token),
    eos_token: tokenString(config.eos_token),
    pad_token: tokenString(config.pad_token),
    unk_token: tokenString(config.unk_token),
  };
  const self: LoadedTokenizer = {
    tokenizer,
    config,
    chatTemplate,
    encode: (text, addSpecialTokens) => tokenizer.encode(text, { add_special_tokens: addSpecialTokens }).ids,
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: false }),
    renderChat(messages, date = DEFAULT_TEMPLATE_DATE) {
      if (chatTemplate === null) throw new ChatTemplateError("tokenizer_config.json has no chat_template");
      compiled ??= new Template(chatTemplate);
      try {
        return renderTemplate(
          compiled,
          {
            messages: messages.map((m) => ({ role: m.role, content: m.content })),
            add_generation_prompt: true,
            ...specials,
            date_string: formatDate(date, "%d %b %Y"),
          },
          date,
        );
      } catch (e) {
        if (e instanceof ChatTemplateError) throw e;
        throw new ChatTemplateError((e as Error).message);
      }
    },
    promptIds(prompt) {
      if (typeof prompt === "string") return self.encode(prompt, true);
      if ("ids" in prompt) return [...prompt.ids];
      return self.encode(self.renderChat(prompt.messages, prompt.date), false);
    },
  };
  return self;
}

export async function loadTokenizer(dir: string): Promise<LoadedTokenizer> {
  const config = await readJsonFile(dir, "tokenizer_config.json", tokenizerConfigSchema);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, "tokenizer.json"), "utf8"));
  } catch (e) {
    throw new InvalidModelConfigError("tokenizer.json", (e as Error).message);
  }
  const shape = z.looseObject({ model: z.looseObject({ type: z.string() }) }).safeParse(json);
  if (!shape.success) throw new InvalidModelConfigError("tokenizer.json", z.prettifyError(shape.error));
  return createTokenizer(json, config);
}
