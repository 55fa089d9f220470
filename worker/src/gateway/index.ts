export {
  gatewayConfigSchema,
  parseGatewayConfig,
  readGatewayConfig,
  type GatewayConfig,
  type GatewayConfigInput,
} from "./config.ts";
export { GatewayError, toGatewayError, type OpenAIErrorBody } from "./errors.ts";
export {
  chatRequestSchema,
  completionRequestSchema,
  parseChatRequest,
  parseCompletionRequest,
  type JobRequest,
} from "./requests.ts";
export { createGatewayApp, startGateway, type GatewayHandle, type StartGatewayOptions } from "./server.ts";
