/**
 * The DMS replication instance classes and their memory (GiB), the one list for the class check and for
 * alarms on `FreeableMemory` as a share of RAM. Source:
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.Types.html, checked 2026-12.
 * C6i (2 GiB per vCPU) and R6i (8 GiB per vCPU) follow their family's ratio and EC2's vCPUs per size; which
 * of those sizes DMS offers in a region is not checked here. A new class is one line here.
 */
export const DMS_INSTANCE_CLASS_MEMORY_GIB: Readonly<Record<string, number>> = Object.freeze({
  "dms.t2.micro": 1,
  "dms.t2.large": 8,
  "dms.t3.micro": 1,
  "dms.t3.small": 2,
  "dms.t3.medium": 4,
  "dms.t3.large": 8,
  "dms.c5.large": 4,
  "dms.c5.xlarge": 8,
  "dms.c5.2xlarge": 16,
  "dms.c5.4xlarge": 32,
  "dms.c5.9xlarge": 72,
  "dms.c5.12xlarge": 96,
  "dms.c5.18xlarge": 144,
  "dms.c5.24xlarge": 192,
  ...perVcpu("dms.c6i", 2),
  "dms.r5.large": 16,
  "dms.r5.xlarge": 32,
  "dms.r5.2xlarge": 64,
  "dms.r5.4xlarge": 128,
  "dms.r5.8xlarge": 256,
  "dms.r5.12xlarge": 384,
  "dms.r5.16xlarge": 512,
  "dms.r5.24xlarge": 768,
  ...perVcpu("dms.r6i", 8),
});

function perVcpu(family: string, gibPerVcpu: number): Record<string, number> {
  const vcpus: Record<string, number> = {
    large: 2,
    xlarge: 4,
    "2xlarge": 8,
    "4xlarge": 16,
    "8xlarge": 32,
    "12xlarge": 48,
    "16xlarge": 64,
    "24xlarge": 96,
    "32xlarge": 128,
  };
  return Object.fromEntries(Object.entries(vcpus).map(([size, count]) => [`${family}.${size}`, count * gibPerVcpu]));
}
