import { CERTIFICATE_REFERENCE } from "../core/identifiers";
import { PathSegment, ProblemList } from "../core/problem";
import { DATABASE_TARGET_ENGINE, extraConnectionAttributeProblems } from "../dms/endpoints/extra-connection-attributes";
import { sourceEngineOf } from "../dms/sources/registry";
import { targetEngineOf } from "../dms/targets/registry";
import { EnvironmentConfig } from "./schema/environment";

/**
 * Rules of the settings terraform-aws-modules/dms users make, across sections: extra connection attributes by the
 * engine of their endpoint, certificates named by `certificate:<key>`, and an existing alarm topic.
 */
export function parityRules(config: EnvironmentConfig, problems: ProblemList): void {
  const { dms, sources = {}, targets = {}, monitoring } = config;
  const certificates = dms?.certificates ?? {};
  const endpoint = (path: PathSegment[], engine: string, entry: { extraConnectionAttributes?: Readonly<Record<string, string>>; certificateArn?: unknown }) => {
    problems.addAll(path, extraConnectionAttributeProblems(engine, entry.extraConnectionAttributes ?? {}, ["extraConnectionAttributes"]));
    const reference = typeof entry.certificateArn === "string" ? CERTIFICATE_REFERENCE.exec(entry.certificateArn) : null;
    if (reference && certificates[reference[1]] === undefined) {
      const known = Object.keys(certificates);
      problems.add([...path, "certificateArn"], entry.certificateArn, `names no certificate; allowed: ${known.length === 0 ? "add it to dms.certificates" : known.map((key) => `certificate:${key}`).join(", ")}`);
    }
  };
  if (dms?.targetEndpoint) endpoint(["dms", "targetEndpoint"], DATABASE_TARGET_ENGINE, dms.targetEndpoint);
  for (const [name, source] of Object.entries(sources)) endpoint(["sources", name], sourceEngineOf(source).engine, source);
  for (const [name, target] of Object.entries(targets)) endpoint(["targets", name], targetEngineOf(target).engine, target);

  if (monitoring?.topicArn !== undefined) {
    if (monitoring.subscribers.length > 0) {
      problems.add(["monitoring", "subscribers"], monitoring.subscribers.length, "subscribers are added to a topic this stack creates; with topicArn, subscribe on the existing topic");
    }
    if (monitoring.kmsKeyArn !== undefined) {
      problems.add(["monitoring", "kmsKeyArn"], monitoring.kmsKeyArn, "the key of a topic this stack creates; with topicArn, the existing topic keeps its own");
    }
  }
}
