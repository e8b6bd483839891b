/**
 * How DMS reads changes from a Db2 LUW source (IBMDb2Settings). Provider 5.100.0 has no `ibm_db2_settings` block, so
 * these travel in `extra_connection_attributes`, named after "Endpoint settings when using Db2 LUW as a source"
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.DB2.html#CHAP_Source.DB2.ConnectionAttrib).
 */
export interface Db2ChangeCaptureOptions {
  /**
   * Where ongoing replication starts (`CurrentLSN`): a log sequence number in hexadecimal, or `scan` to let DMS find
   * the current one. AWS requires it for Db2 LUW 9.7 sources.
   * @default - DMS starts from the task's start time or CDC start position
   */
  readonly currentLsn?: string;
  /** Most kilobytes DMS reads from the log at a time (`MaxKBytesPerRead`). @default 64 */
  readonly maxKBytesPerRead?: number;
  /**
   * Let DMS turn on `DATA CAPTURE CHANGES` on the selected tables itself (`SetDataCaptureChanges`). False leaves
   * it to the DBA script, which alters each selected table.
   * @default true
   */
  readonly setDataCaptureChanges?: boolean;
}

/** The `extra_connection_attributes` string, in a fixed order so the plan never changes by itself. */
export function db2ConnectionAttributes(options: Db2ChangeCaptureOptions): string {
  const attributes: [string, string][] = [];
  if (options.currentLsn !== undefined) attributes.push(["CurrentLSN", options.currentLsn]);
  if (options.maxKBytesPerRead !== undefined) attributes.push(["MaxKBytesPerRead", String(options.maxKBytesPerRead)]);
  if (options.setDataCaptureChanges !== undefined) attributes.push(["SetDataCaptureChanges", String(options.setDataCaptureChanges)]);
  return attributes.map(([key, value]) => `${key}=${value}`).join(";");
}
