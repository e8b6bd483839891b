// Monitoring of DMS migrations: the alarm topic, alarms on tasks, instances and PostgreSQL sources, DMS events.
export * from "./alarm-subscriber";
export * from "./alarm-thresholds";
export * from "./alarm-topic";
export * from "./dms-event-notifications";
export * from "./dms-monitoring";
export * from "./instance-class-memory";
export * from "./metric-alarm";
export * from "./replication-instance-alarms";
export * from "./replication-slot-alarm";
export * from "./replication-task-alarms";
