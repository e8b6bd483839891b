export * from "./load-environments";
export * from "./problem";
export type { Problem } from "../core/problem";
export * from "./schema/environment";
export type { BackendConfig } from "./schema/backend";
export type { DatabaseConfig } from "./schema/database";
export type { NetworkConfig } from "./schema/network";
