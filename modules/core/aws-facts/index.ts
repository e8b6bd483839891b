export { AWS_REGIONS, awsRegionProblem } from "./regions";
export { DMS_ENGINE_FACTS_CHECKED, DMS_ENGINE_RELEASES, type DmsEngineRelease } from "./dms-engine-versions";
export { RDS_POSTGRES_MINORS, rdsPostgresVersionProblem } from "./rds-postgres-versions";
export { DMS_INSTANCE_CLASSES, RDS_INSTANCE_CLASSES, RDS_INSTANCE_CLASS_SIZES, dmsInstanceClassProblem, rdsInstanceClassProblem } from "./instance-classes";
export { ianaTimeZones, timeZoneProblem } from "./time-zones";
export { CRON_FIELDS, scheduleExpressionProblem } from "./schedule-expression";
export { MINIMUM_WINDOW_MINUTES, backupWindowProblem, maintenanceWindowProblem, windowsOverlapProblem } from "./windows";
export { MAX_TAGS_PER_RESOURCE, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, type TagProblem, tagProblems } from "./tags";
