import { Token } from "cdktf";
import { endpointCredentialReason } from "../core/secret-text";

export { endpointCredentialReason };

/** How an alarm topic delivers: email, an HTTPS endpoint, an SQS queue or a Lambda function. */
export const ALARM_SUBSCRIBER_PROTOCOLS = ["email", "https", "sqs", "lambda"] as const;
export type AlarmSubscriberProtocol = (typeof ALARM_SUBSCRIBER_PROTOCOLS)[number];

/**
 * One subscriber of an alarm topic. The endpoint is stored in plain text in the plan and the state, so it
 * can never be a secret: a webhook URL whose path or query is its credential (Slack, Teams, PagerDuty, ...)
 * is refused; subscribe a Lambda function or an SQS queue that reads such a webhook from Secrets Manager.
 */
export interface AlarmSubscriber {
  readonly protocol: AlarmSubscriberProtocol;
  /**
   * `email`: an address (confirmed by a link AWS mails to it); `https`: a URL without credentials (it must
   * confirm the subscription); `sqs`: a queue ARN (its queue policy must let the topic send); `lambda`: a
   * function ARN in the same account (permission to invoke it from the topic is added).
   */
  readonly endpoint: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/;

/**
 * What is wrong with a subscriber, or undefined. Endpoints that are tokens (an ARN of a resource in the
 * same stack) are not checked. Messages never repeat an endpoint that holds a credential.
 */
export function alarmSubscriberProblem(subscriber: AlarmSubscriber): string | undefined {
  const { protocol, endpoint } = subscriber;
  if (!(ALARM_SUBSCRIBER_PROTOCOLS as readonly string[]).includes(protocol)) {
    return `protocol "${protocol}" is not supported; allowed: ${ALARM_SUBSCRIBER_PROTOCOLS.join(", ")}`;
  }
  if (Token.isUnresolved(endpoint)) return undefined;
  switch (protocol) {
    case "email":
      return EMAIL.test(endpoint) ? undefined : `"${endpoint}" is not an email address`;
    case "https": {
      const reason = endpointCredentialReason(endpoint);
      if (reason) {
        return (
          `the endpoint holds a credential (${reason}); endpoints are stored in plain text in the plan and state, ` +
          "so subscribe a Lambda function or an SQS queue that reads the webhook from Secrets Manager instead"
        );
      }
      return /^https:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/.test(endpoint) ? undefined : `"${endpoint}" is not an https:// URL`;
    }
    case "sqs":
      return SQS_ARN.test(endpoint) ? undefined : `"${endpoint}" is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)`;
    case "lambda":
      return LAMBDA_ARN.test(endpoint)
        ? undefined
        : `"${endpoint}" is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)`;
  }
}
