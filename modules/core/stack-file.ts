import { mkdirSync, writeFileSync } from "fs";
import { dirname, join, normalize } from "path";
import { Construct } from "constructs";
import { ISynthesisSession, TerraformStack } from "cdktf";
// The hook cdktf's own TerraformAsset uses to write files during synth; the package root does not export it.
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { ValidationError } from "./errors";

export interface StackFileProps {
  /** Path inside the stack's folder (`cdktf.out/stacks/<stack>/`), such as `dba/source.sql`. */
  readonly fileName: string;
  /** The text, or a function giving it at synth time once the whole app is built (undefined: no file). */
  readonly content: string | (() => string | undefined);
}

/** A text file written next to the synthesized stack, for people rather than Terraform (runbooks, DBA scripts). */
export class StackFile extends Construct {
  readonly fileName: string;
  private readonly content: string | (() => string | undefined);

  constructor(scope: Construct, id: string, props: StackFileProps) {
    super(scope, id);
    const fileName = normalize(props.fileName);
    if (fileName.startsWith("..") || fileName.startsWith("/")) {
      throw new ValidationError(this, `\`fileName\` "${props.fileName}" must stay inside the stack's folder`);
    }
    this.fileName = fileName;
    this.content = props.content;
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const content = typeof this.content === "string" ? this.content : this.content();
        if (content === undefined) return;
        const stackDirectory = session.manifest.forStack(TerraformStack.of(this)).workingDirectory;
        const path = join(session.outdir, stackDirectory, fileName);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      },
    });
  }
}
