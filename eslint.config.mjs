import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/", "dist/", "cdktf.out/", ".local/", "coverage/", "**/*.js", "**/*.mjs"] },
  tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message:
                "Import the resource from @cdktf/provider-aws/lib/<resource>: the package root loads all ~2,100 resource modules (about 9x slower synth).",
            },
          ],
        },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Tests walk synthesized JSON, whose shape is Terraform's, not ours.
  { files: ["__tests__/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
);
