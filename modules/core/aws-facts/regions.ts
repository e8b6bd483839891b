import { closest } from "../schema-problems";

/**
 * The regions of the `aws` partition (not China, GovCloud or the European Sovereign Cloud, whose ARNs start
 * `arn:aws-cn`, `arn:aws-us-gov` and `arn:aws-eusc`).
 * Source: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html, checked 2026-12.
 * A new region is one line here.
 */
export const AWS_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

/** Why `region` is not a region of the `aws` partition, with the closest one for a typo; undefined when it is. */
export function awsRegionProblem(region: string): string | undefined {
  if (AWS_REGIONS.includes(region)) return undefined;
  const suggestion = closest(region, AWS_REGIONS);
  return (
    `"${region}" is not a region of the aws partition${suggestion ? ` (did you mean "${suggestion}"?)` : ""}` +
    `; allowed: ${AWS_REGIONS.join(", ")}`
  );
}
