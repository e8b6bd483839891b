/**
 * The floor of `npm run synth`: the least work that writes the same files with cdktf and the provider
 * classes, and none of this project's code (this file imports only cdktf, constructs and the provider).
 *
 *   node floor.js <reference cdktf.out> <output folder>
 *
 * It reads a synth's output (the reference) and builds it again: one `TerraformStack` per stack, and for
 * every block of every stack an instance of the class that writes that block, loaded from the provider's deep
 * path (`@cdktf/provider-aws/lib/<resource>`), at the construct path and logical id the reference records.
 * Each instance returns the reference's attributes as they are, so the floor does the construct, token
 * resolution, JSON and file work of a synth, but none of the project's (environment validation, references
 * between resources, table mappings, task settings, generating DBA scripts). Only the provider modules whose blocks
 * appear in the reference are loaded. Blocks without a provider class are written with the cdktf class
 * below them: `terraform_data` as a plain `TerraformResource` (cdktf's `DataResource` runs `terraform
 * version` for each instance; see BENCHMARKS.md), `ephemeral` blocks (no class in cdktf 0.21) as a
 * `TerraformElement`. Like the app, it skips cdktf's token stack traces. Warnings the app attached to
 * constructs are attached again at the same paths. Other files of a stack (the DBA scripts) are copied. The
 * output must be byte-identical to the reference (in manifest.json, up to the stack traces and order of those
 * warnings), which the benchmark checks after every run.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "fs";
import { dirname, join, normalize } from "path";
import {
  Annotations,
  App,
  S3Backend,
  TerraformDataSource,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
} from "cdktf";
import { Construct } from "constructs";
import * as stackTrace from "cdktf/lib/tokens/private/stack-trace";

type Json = Record<string, unknown>;
type ElementClass = new (scope: Construct, id: string, config: Json) => TerraformResource | TerraformDataSource | TerraformProvider;

interface Annotation {
  constructPath: string;
  level: string;
  message: string;
}

interface Manifest {
  stacks: Record<string, { synthesizedStackPath: string; workingDirectory: string; annotations: Annotation[] }>;
}

const PROVIDER_PACKAGE = "@cdktf/provider-aws";
const PROVIDER_PREFIX = "aws_";

/** The exported class of a provider module whose `tfResourceType` is `type`. */
function providerClass(module: string, type: string): ElementClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules needed are known only from the reference
  const exports = require(`${PROVIDER_PACKAGE}/lib/${module}`) as Record<string, unknown>;
  for (const value of Object.values(exports)) {
    if (typeof value === "function" && (value as unknown as { tfResourceType?: string }).tfResourceType === type) return value as ElementClass;
  }
  throw new Error(`${PROVIDER_PACKAGE}/lib/${module} has no class for ${type}`);
}

const classes = new Map<string, ElementClass>();
function classFor(kind: "resource" | "data" | "provider", type: string): ElementClass {
  const key = `${kind}.${type}`;
  let found = classes.get(key);
  if (!found) {
    if (kind === "provider") {
      if (`${type}_` !== PROVIDER_PREFIX) throw new Error(`floor: no provider class for ${type}`);
      found = providerClass("provider", type);
    } else {
      if (!type.startsWith(PROVIDER_PREFIX)) throw new Error(`floor: no provider class for ${kind} ${type}`);
      const module = type.slice(PROVIDER_PREFIX.length).replace(/_/g, "-");
      found = providerClass(kind === "data" ? `data-aws-${module}` : module, type);
    }
    classes.set(key, found);
  }
  return found;
}

/** A provider class whose attributes are given as the reference wrote them. */
const replaying = new Map<ElementClass, ElementClass>();
function replayingClass(base: ElementClass): ElementClass {
  let replay = replaying.get(base);
  if (!replay) {
    const Base = base as unknown as new (scope: Construct, id: string, config: Json) => TerraformResource;
    replay = class extends Base {
      constructor(scope: Construct, id: string, private readonly attributes: Json) {
        super(scope, id, {});
      }
      protected override synthesizeAttributes(): Json {
        return this.attributes;
      }
      // Meta-arguments (depends_on, lifecycle, ...) are among the reference's attributes already.
      override get terraformMetaArguments(): Json {
        return {};
      }
    } as unknown as ElementClass;
    replaying.set(base, replay);
  }
  return replay;
}

/** `terraform_data`: built into Terraform, so no provider class. */
class TerraformDataBlock extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly attributes: Json) {
    super(scope, id, { terraformResourceType: "terraform_data", terraformGeneratorMetadata: { providerName: "terraform" } });
  }
  protected override synthesizeAttributes(): Json {
    return this.attributes;
  }
  override get terraformMetaArguments(): Json {
    return {};
  }
}

/** An `ephemeral` block: cdktf 0.21 has no class for these. */
class EphemeralBlock extends TerraformElement {
  constructor(scope: Construct, id: string, private readonly type: string, private readonly attributes: Json) {
    super(scope, id, `ephemeral.${type}`);
  }
  override toTerraform(): Json {
    return { ephemeral: { [this.type]: { [this.friendlyUniqueId]: { ...this.attributes, "//": this.constructNodeMetadata } } } };
  }
}

class ReplayedS3Backend extends S3Backend {
  constructor(scope: Construct, private readonly attributes: Json) {
    super(scope, attributes as unknown as ConstructorParameters<typeof S3Backend>[1]);
  }
  protected override synthesizeAttributes(): Json {
    return this.attributes;
  }
}

interface Block {
  kind: "resource" | "data" | "ephemeral";
  type: string;
  logicalId: string;
  path: string[];
  attributes: Json;
}

function rebuildStack(app: App, name: string, json: Json, annotations: Annotation[]): void {
  const stack = new TerraformStack(app, name);
  const { "//": stackMetadata, terraform, provider, output, ...blockKinds } = json as Record<string, Json>;

  const overrides = ((stackMetadata?.metadata as Json | undefined)?.overrides ?? {}) as Record<string, string[]>;
  for (const element of Object.keys(overrides)) {
    if (element !== "backend" && element !== "stack") throw new Error(`floor: cannot replay overrides of ${element}`);
  }
  // A stack override of `terraform` (required_version, core/terraform-version.ts): the settings cdktf does not
  // write itself are replayed as overrides, as the app wrote them.
  const stackOverrides = overrides.stack ?? [];
  if (stackOverrides.some((key) => key !== "terraform")) throw new Error(`floor: cannot replay the stack overrides ${stackOverrides}`);
  const { backend, required_providers: _requiredProviders, ...terraformAll } = (terraform ?? {}) as Json;
  if (stackOverrides.includes("terraform")) {
    for (const [key, value] of Object.entries(terraformAll)) stack.addOverride(`terraform.${key}`, value);
  }
  const terraformRest = stackOverrides.includes("terraform") ? {} : terraformAll;
  if (Object.keys(terraformRest).length > 0) throw new Error(`floor: unsupported terraform settings ${Object.keys(terraformRest)}`);
  for (const [backendName, attributes] of Object.entries((backend ?? {}) as Record<string, Json>)) {
    if (backendName !== "s3") throw new Error(`floor: unsupported backend ${backendName}`);
    const overridden = new Set(overrides.backend ?? []);
    const plain = Object.fromEntries(Object.entries(attributes).filter(([key]) => !overridden.has(key)));
    const element = new ReplayedS3Backend(stack, plain);
    for (const key of overridden) element.addOverride(key, attributes[key]);
  }

  for (const [providerName, configs] of Object.entries((provider ?? {}) as Record<string, Json[]>)) {
    const Replay = replayingClass(classFor("provider", providerName));
    configs.forEach((config, index) => new Replay(stack, index === 0 ? providerName : `${providerName}${index}`, config));
  }

  const blocks: Block[] = [];
  for (const [kind, byType] of Object.entries(blockKinds as Record<string, Record<string, Record<string, Json>>>)) {
    if (kind !== "resource" && kind !== "data" && kind !== "ephemeral") throw new Error(`floor: unsupported block kind ${kind}`);
    for (const [type, byId] of Object.entries(byType)) {
      for (const [logicalId, body] of Object.entries(byId)) {
        const { "//": metadata, ...attributes } = body;
        const path = ((metadata as Json).metadata as Json).path as string;
        blocks.push({ kind, type, logicalId, path: path.split("/").slice(1), attributes });
      }
    }
  }
  // Parents before children, so a block that is also a scope exists before what it contains.
  blocks.sort((a, b) => a.path.length - b.path.length);
  const scopes = new Map<string, Construct>();
  const scopeOf = (path: string[]): Construct => {
    let scope: Construct = stack;
    for (let depth = 1; depth <= path.length; depth++) {
      const key = path.slice(0, depth).join("/");
      let next = scopes.get(key);
      if (!next) {
        next = new Construct(scope, path[depth - 1]);
        scopes.set(key, next);
      }
      scope = next;
    }
    return scope;
  };
  for (const block of blocks) {
    const scope = scopeOf(block.path.slice(0, -1));
    const id = block.path[block.path.length - 1];
    let element: TerraformElement;
    if (block.kind === "ephemeral") element = new EphemeralBlock(scope, id, block.type, block.attributes);
    else if (block.type === "terraform_data") element = new TerraformDataBlock(scope, id, block.attributes);
    else element = new (replayingClass(classFor(block.kind, block.type)))(scope, id, block.attributes);
    element.overrideLogicalId(block.logicalId);
    scopes.set(block.path.join("/"), element);
  }

  // Warnings the app attached to its constructs, at the same paths (their stack traces are the floor's own).
  for (const annotation of annotations) {
    const annotate = Annotations.of(scopeOf(annotation.constructPath.split("/").slice(1)));
    if (annotation.level === "@cdktf/warn") annotate.addWarning(annotation.message);
    else if (annotation.level === "@cdktf/info") annotate.addInfo(annotation.message);
    else throw new Error(`floor: cannot replay an annotation of level ${annotation.level}`);
  }

  for (const [outputName, body] of Object.entries((output ?? {}) as Record<string, Json>)) {
    const { value, description, sensitive, ...rest } = body;
    if (Object.keys(rest).length > 0) throw new Error(`floor: unsupported output settings ${Object.keys(rest)}`);
    new TerraformOutput(stack, outputName, { value, description: description as string | undefined, sensitive: sensitive as boolean | undefined });
  }
}

/** Every file under `directory`, as paths relative to it. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? filesUnder(path).map((file) => join(entry, file)) : [entry];
  });
}

function main(): void {
  const [reference, outdir] = process.argv.slice(2);
  if (!reference || !outdir) throw new Error("usage: node floor.js <reference cdktf.out> <output folder>");
  const manifest = JSON.parse(readFileSync(join(reference, "manifest.json"), "utf8")) as Manifest;
  // As the app does (modules/core/token-stack-traces.ts): the traces change no output, so the least work skips them.
  Object.assign(stackTrace, { captureStackTrace: (): string[] => [] });
  const app = new App({ outdir });
  const copies: string[] = [];
  for (const [name, stack] of Object.entries(manifest.stacks)) {
    rebuildStack(app, name, JSON.parse(readFileSync(join(reference, stack.synthesizedStackPath), "utf8")) as Json, stack.annotations);
    for (const file of filesUnder(join(reference, stack.workingDirectory))) {
      const path = join(stack.workingDirectory, file);
      if (path !== normalize(stack.synthesizedStackPath)) copies.push(path);
    }
  }
  app.synth();
  for (const path of copies) {
    mkdirSync(dirname(join(outdir, path)), { recursive: true });
    writeFileSync(join(outdir, path), readFileSync(join(reference, path)));
  }
}

main();
