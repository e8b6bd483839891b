/** The trust policy of an IAM role that AWS services assume, under an optional condition. */
export function serviceTrustPolicy(service: string | readonly string[], condition?: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition && { Condition: condition }) }],
  });
}
