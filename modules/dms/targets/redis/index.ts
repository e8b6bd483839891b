import { fileProblems } from "../../../core/rules";
import { TargetEngine } from "../target-engine";
import { RedisTargetEndpoint } from "./endpoint";
import { REDIS_TARGET_RULES } from "./rules";
import { redisTargetSchema } from "./schema";

export const redisTarget: TargetEngine<typeof redisTargetSchema> = {
  engine: "redis",
  schema: redisTargetSchema,
  settingsKey: "RedisSettings",
  problems: (target) => fileProblems(REDIS_TARGET_RULES, target),
  build: (scope, name, target, context) => {
    const { engine: _engine, ...settings } = target;
    return new RedisTargetEndpoint(scope, `Target-${name}`, { ...settings, projectName: context.projectName, environment: context.environment });
  },
};

export { RedisTargetEndpoint } from "./endpoint";
export type { RedisTargetEndpointProps, RedisTargetSettings } from "./endpoint";
