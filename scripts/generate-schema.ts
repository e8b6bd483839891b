import { writeFileSync } from "fs";
import { join } from "path";
import { environmentJsonSchema } from "../modules/config/json-schema";

// Writes environments/schema.json; a unit test fails when the committed file is stale.
writeFileSync(join(__dirname, "..", "environments", "schema.json"), environmentJsonSchema());
