import { DMS_INSTANCE_CLASS_MEMORY_GIB } from "../core/aws-facts/dms-instance-classes";

export { DMS_INSTANCE_CLASS_MEMORY_GIB };

/** GiB of memory of a DMS instance class, or undefined when the class is not in the table (a class not listed gets no memory alarm rather than a guessed one). */
export function dmsInstanceClassMemoryGib(instanceClass: string): number | undefined {
  return DMS_INSTANCE_CLASS_MEMORY_GIB[instanceClass.toLowerCase()];
}
