/**
 * MongoDB source options provider 5.100.0's `mongodb_settings` has no field for; they travel in
 * `extra_connection_attributes` under the names of "Endpoint configuration settings when using MongoDB as a source"
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MongoDB.html#CHAP_Source.MongoDB.Configuration).
 */
export interface MongodbSourceAttributes {
  /**
   * During change capture, read the whole document of an update (`useUpdateLookup`) instead of only the changed
   * fields, so a target that replaces documents gets them whole.
   * @default false
   */
  readonly useUpdateLookup?: boolean;
  /**
   * Replicate into the shard collections of an Amazon DocumentDB elastic cluster target (`replicateShardCollections`);
   * the task must then use `TargetTablePrepMode: DO_NOTHING`.
   * @default false
   */
  readonly replicateShardCollections?: boolean;
}

/**
 * The `extra_connection_attributes` string, in a fixed order so a plan never changes by itself (the provider
 * normalises the keys of a MongoDB endpoint's attributes before it compares them).
 */
export function mongodbConnectionAttributes(options: MongodbSourceAttributes): string {
  const attributes: string[] = [];
  if (options.useUpdateLookup) attributes.push("useUpdateLookup=true");
  if (options.replicateShardCollections) attributes.push("replicateShardCollections=true");
  return attributes.join(";");
}
